package jindu

import kotlin.test.assertFailsWith
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The Gantt chart from Kotlin: the SVG string, options passed through, typed errors. */
class GanttTest {
    private val doc = """
        {"name": "Launch 上线", "start": "2026-03-02",
         "tasks": [{"id": "A", "name": "Design & review", "duration": "3d"},
                   {"id": "B", "name": "Build 开发", "duration": "5d"},
                   {"id": "I", "name": "Internal audit", "duration": "1d", "visibility": "internal"},
                   {"id": "M", "name": "Go-live", "milestone": true}],
         "links": [{"from": "A", "to": "B"}, {"from": "B", "to": "M"}, {"from": "A", "to": "I"}]}
    """

    /** The class of every bar, milestone and summary shape, in row order. */
    private fun shapes(svg: String): List<String> =
        Regex("class=\"((?:b|ms|sm)(?: c)?)\"").findAll(svg).map { it.groupValues[1] }.toList()

    @Test
    fun theChartIsAnSvgString() {
        val svg = renderGantt(doc, GanttOptions(width = 900u))
        assertTrue(svg.startsWith("<svg") && svg.endsWith("</svg>"))
        assertTrue(svg.contains("width=\"900\""))
        assertTrue(svg.contains("Design &amp; review") && svg.contains("Build 开发"))
        // A -> B -> M is critical (3d + 5d); I (1d after A, beside B's 5d) has float.
        assertEquals(listOf("b c", "b c", "b", "ms c"), shapes(svg))
        assertEquals(svg, renderGantt(doc, GanttOptions(width = 900u)), "deterministic")
    }

    @Test
    fun optionsReachTheCore() {
        val svg = renderGantt(doc, GanttOptions(theme = "dark", locale = "zh-CN", client = true))
        assertTrue(svg.contains("#0d1117") && svg.contains("2026年3月"))
        assertFalse(svg.contains("Internal audit"))
        assertEquals(listOf("b c", "b c", "ms c"), shapes(svg))
    }

    @Test
    fun badOptionsAreTypedErrors() {
        val e = assertFailsWith<JinduException.NotFound> {
            renderGantt(doc, GanttOptions(tasks = listOf("nope")))
        }
        assertEquals("unknown_task", e.code)
        assertTrue(e.detail.contains("nope"), e.detail)
    }

    @Test
    fun anyChartByName() {
        val svg = renderChart(doc, "gantt", """{"width": 900}""")
        assertEquals(renderGantt(doc, GanttOptions(width = 900u)), svg)
        val e = assertFailsWith<JinduException> { renderChart(doc, "pie", null) }
        assertTrue(e.toString().contains("expected gantt"), e.toString())
    }
}

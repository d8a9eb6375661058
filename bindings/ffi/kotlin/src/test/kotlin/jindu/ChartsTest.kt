package jindu

import kotlin.test.assertFailsWith
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The resource histogram, S-curve and tornado from Kotlin through `renderChart`. */
class ChartsTest {
    private val doc = """
        {"name": "Team", "start": "2026-01-05",
         "tasks": [{"id": "A", "name": "Design", "duration": "2d",
                    "estimate": {"optimistic": "1d", "likely": "2d", "pessimistic": "5d"}},
                   {"id": "B", "name": "Build", "duration": "1d"}],
         "resources": [{"id": "ana", "name": "Ana"}],
         "assignments": [{"task": "A", "resource": "ana"}, {"task": "B", "resource": "ana"}]}
    """

    @Test
    fun histogramShowsTheOverload() {
        val svg = renderChart(doc, "histogram", """{"by": "day"}""")
        // Monday: A and B, 16 h against 8 h.
        assertTrue(svg.contains("Ana: Mon 5 Jan 2026: 16 h of 8 h (200%)"), svg)
        assertEquals(2, Regex("class=\"ov\"").findAll(svg).count()) // the excess + the legend
    }

    @Test
    fun scurveAndTornadoRunTheSimulation() {
        val s = renderChart(doc, "scurve", """{"iterations": 200, "target": "2026-01-07T17:00"}""")
        assertTrue(s.contains(">P50 ") && s.contains(">Target 7 Jan 2026 · "), s)
        val t = renderChart(doc, "tornado", """{"iterations": 200}""")
        assertTrue(t.contains(">Design</text>"), t)
        val e = assertFailsWith<JinduException> { renderChart(doc, "tornado", """{"by": "day"}""") }
        assertTrue(e.toString().contains("by"), e.toString())
    }
}

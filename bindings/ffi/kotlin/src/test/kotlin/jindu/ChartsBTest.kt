package jindu

import kotlin.test.assertFailsWith
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The earned value and fever charts and the HTML report page from Kotlin. */
class ChartsBTest {
    private val doc = """
        {"name": "Portal", "start": "2026-01-05", "status_date": "2026-01-23T17:00",
         "tasks": [{"id": "A", "name": "Design", "duration": "2w", "cost": 2000, "percent_complete": 100,
                    "actual_start": "2026-01-05", "actual_finish": "2026-01-16T17:00", "actual_cost": 2200},
                   {"id": "B", "name": "Build", "duration": "3w", "cost": 3000, "percent_complete": 50,
                    "actual_start": "2026-01-12", "actual_cost": 1800},
                   {"id": "C", "name": "Test", "duration": "2w", "cost": 4000}],
         "links": [{"from": "A", "to": "B", "type": "SS", "lag": "1w"},
                   {"from": "B", "to": "C", "type": "SS", "lag": "2w"}]}
    """

    @Test
    fun evmAndFeverByName() {
        val evm = renderChart(doc, "evm", """{"width": 700}""")
        assertTrue(evm.startsWith("<svg") && evm.contains("width=\"700\""))
        // BAC 2,000 + 3,000 + 4,000; EV 2,000 + 1,500 against AC 4,000: CPI 0.875.
        assertTrue(evm.contains("BAC 9,000") && evm.contains("CPI 0.88"), evm)
        val fever = renderChart(doc, "fever", null)
        assertTrue(fever.contains("Buffer fever chart"))
        val e = assertFailsWith<JinduException> { renderChart(doc, "evm", """{"today": "x"}""") }
        assertTrue(e.toString().contains("today"), e.toString())
    }

    @Test
    fun htmlReportEmbedsTheCharts() {
        val page = report(doc, TrackOptions(format = "html"))
        assertTrue(page.startsWith("<!DOCTYPE html>"))
        assertEquals(3, Regex("<svg").findAll(page).count())
    }
}

package jindu

import kotlin.test.assertFailsWith
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/** The DCMA 14-point schedule assessment from Kotlin: hand-worked checks, options, typed errors. */
class HealthTest {
    // Mon 5 Jan 2026. S -> A (5d) -> F, F due Thu 8th 17:00 but finishing Fri 9th 17:00;
    // A -> B (SS) so one of the three links into open tasks is not FS.
    private val doc = """
        {"name": "Late", "start": "2026-01-05",
         "tasks": [{"id": "S", "milestone": true}, {"id": "A", "duration": "5d"},
                   {"id": "B", "duration": "2d"},
                   {"id": "F", "milestone": true, "deadline": "2026-01-08T17:00"}],
         "links": [{"from": "S", "to": "A"}, {"from": "A", "to": "F"},
                   {"from": "A", "to": "B", "type": "SS"}, {"from": "B", "to": "F"}]}
    """

    private fun num(v: Any?): Double = (v as Json.Num).text.toDouble()

    private fun check(h: Any?, code: String): Any? =
        (h["checks"] as List<*>).first { it["code"] == code }

    @Test
    fun handWorkedChecks() {
        val h = Json.parse(healthJson(doc))
        // Four links, A -> B is SS: FS share 3 / 4 = 75 % < 90 %.
        val fs = check(h, "relationship_types")
        assertEquals(75.0, num(fs["metric"]))
        assertEquals("fail", fs["status"])
        // A five-day critical path one day late: CPLI = (5 - 1) / 5 = 0.8.
        assertEquals(0.8, num(check(h, "cpli")["metric"]), 1e-9)
        // S -> A -> F and S -> A =SS=> B -> F: S, A and F lose a day to the deadline.
        val neg = check(h, "negative_float")
        assertEquals(3.0, num(neg["count"]))
        assertEquals(listOf("S", "A", "F"), neg["tasks"])
    }

    @Test
    fun optionsAndErrors() {
        val lenient = Json.parse(healthJson(doc, """{"thresholds": {"fs_percent": 75}}"""))
        assertEquals("pass", check(lenient, "relationship_types")["status"])
        val bad = assertFailsWith<JinduException.Invalid> { healthJson(doc, """{"baseline": 1}""") }
        assertEquals("baseline", bad.field)
    }
}

package jindu

import kotlin.test.assertFailsWith
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/** Risk scores from Kotlin: hand-computed scores, options, typed errors. */
class ScoresTest {
    // Mon 5 Jan 2026. A (5d) is critical, B (2d) has 3 days of float; both into M.
    private val doc = """
        {"name": "Demo", "start": "2026-01-05",
         "tasks": [{"id": "A", "duration": "5d"}, {"id": "B", "duration": "2d"},
                   {"id": "M", "milestone": true}],
         "links": [{"from": "A", "to": "M"}, {"from": "B", "to": "M"}]}
    """

    private fun num(v: Any?): Double = (v as Json.Num).text.toDouble()

    private fun task(s: Any?, id: String): Any? =
        (s["tasks"] as List<*>).first { it["id"] == id }

    @Test
    fun handComputedScoresOptionsAndErrors() {
        val s = Json.parse(scoresJson(doc))
        // Weights in play: float 3, merge 1, hard constraint 1, deadline 2 (7).
        // M: (3 x 1 + 1 x 1/3) / 7 = 47.6 (merge (2 - 1) / (2 + 1)); A: 3 / 7 = 42.9;
        // B: float 3 days -> 0.7: 2.1 / 7 = 30.
        assertEquals(47.6, num(task(s, "M")["score"]))
        assertEquals(42.9, num(task(s, "A")["score"]))
        assertEquals(30.0, num(task(s, "B")["score"]))
        assertEquals("low_float", (s["warnings"] as List<*>)[0]["code"])
        val onlyFloat = Json.parse(
            scoresJson(doc, """{"weights": {"merge": 0, "hard_constraint": 0, "deadline": 0}}""")
        )
        assertEquals(100.0, num(task(onlyFloat, "A")["score"]))
        val bad = assertFailsWith<JinduException.Invalid> { scoresJson(doc, """{"warn_at": 2}""") }
        assertEquals("warn_at", bad.field)
    }
}

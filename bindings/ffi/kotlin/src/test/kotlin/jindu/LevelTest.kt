package jindu

import kotlin.test.assertFailsWith
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Resource levelling from Kotlin: a hand-worked portfolio, within-float, typed errors. */
class LevelTest {
    private fun doc(name: String, task: String, priority: Int, units: Int = 100) = """
        {"name": "$name", "start": "2026-01-05",
         "tasks": [{"id": "$task", "duration": "2d", "priority": $priority}],
         "resources": [{"id": "ana"}],
         "assignments": [{"task": "$task", "resource": "ana", "units": $units}]}
    """

    private val portfolio = "[" + doc("P0", "X", 300) + "," + doc("P1", "Y", 700) + "]"

    @Test
    fun thePriorityDecidesWhoWaits() {
        // Y (700) keeps Mon 5 - Tue 6 January 2026; X (300) waits for Ana until Wednesday 7,
        // two working days = 2 x 480 = 960 minutes later, because Y of project 1 holds her.
        val r = Json.parse(levelJson(portfolio, """{"seed": 3}"""))
        val d = r["projects"][0]["delays"][0]
        assertEquals("X", d["task"])
        assertEquals("2026-01-07T08:00:00", d["to"])
        assertEquals("960", (d["delay_minutes"] as Json.Num).text)
        assertEquals("resource", d["reason"]["kind"])
        assertEquals("Y", d["reason"]["by"][0]["task"])
        assertEquals("1", (d["reason"]["by"][0]["project"] as Json.Num).text)
        assertTrue((r["unresolved"] as List<*>).isEmpty())
    }

    @Test
    fun splitWorksAroundABusyDay() {
        // T (4 days) and H (priority 800, 1 day, from Tuesday 6) both need all of Ana. With
        // split T works Monday 5, pauses on Tuesday while H holds Ana, and works Wednesday 7 to
        // Friday 9 (17:00): a working day before the whole task would finish (Monday 12).
        val busy = """
            {"name": "P", "start": "2026-01-05",
             "tasks": [{"id": "T", "duration": "4d"},
                       {"id": "H", "duration": "1d", "priority": 800, "constraint": {"type": "SNET", "date": "2026-01-06"}}],
             "resources": [{"id": "ana"}],
             "assignments": [{"task": "T", "resource": "ana"}, {"task": "H", "resource": "ana"}]}
        """
        assertEquals("2026-01-12T17:00:00", Json.parse(levelJson(busy, ""))["projects"][0]["tasks"][0]["finish"])
        val t = Json.parse(levelJson(busy, """{"split": true}"""))["projects"][0]["tasks"][0]
        assertEquals("2026-01-09T17:00:00", t["finish"])
        assertEquals("2026-01-05T17:00:00", t["parts"][0]["finish"])
        assertEquals("2026-01-07T08:00:00", t["parts"][1]["start"])
        assertEquals("H", t["pauses"][0]["reason"]["by"][0]["task"])
        // The typed API has the parts as records.
        val typed = level(listOf(Scheduler(busy).use { it.document() }), """{"split": true}""")
        assertEquals(2, typed.projects[0].tasks[0].parts.size)
        assertEquals("2026-01-07T08:00:00", typed.projects[0].tasks[0].parts[1].start)
    }

    @Test
    fun withinFloatReportsWhatItCannotFix() {
        val r = Json.parse(levelJson(portfolio, """{"within_float": true}"""))
        assertTrue((r["projects"][0]["delays"] as List<*>).isEmpty())
        assertEquals("ana", r["unresolved"][0]["resource"])
    }

    @Test
    fun aDemandThatNeverFitsIsTyped() {
        val e = assertFailsWith<JinduException.Invalid> { levelJson(doc("P", "A", 500, units = 300), "") }
        assertEquals("A", e.taskId)
        assertTrue(e.detail.contains("ana"), e.detail)
    }

    @Test
    fun aLevelRunReportsProgressAndCancels() {
        // Y (700) then X on Ana, 2 days = 16 hourly periods each: every pass has makespan 32.
        val opts = """{"schedules": 6, "seed": 5}"""
        val run = LevelRun(portfolio, opts)
        val seen = mutableListOf<ULong>()
        var p = run.step(1uL)
        seen += p.done
        assertEquals(6uL, p.total)
        assertEquals(32L, p.makespan)
        assertEquals(0uL, p.conflicts)
        while (!p.finished) {
            p = run.step(1uL)
            seen += p.done
        }
        assertEquals((1uL..6uL).toList(), seen)
        assertEquals(levelJson(portfolio, opts), run.resultJson())
        assertFalse(run.resultJson().contains("cancelled"))
        // Cancelled from another thread after the first pass: the one-pass result, marked so.
        val other = LevelRun(portfolio, opts)
        other.step(1uL)
        Thread { other.cancel() }.apply { start(); join() }
        val q = other.step(5uL)
        assertTrue(q.finished && q.done == 1uL, q.toString())
        val r = Json.parse(other.resultJson())
        assertEquals(true, r["cancelled"])
        assertEquals("1", (r["schedules_generated"] as Json.Num).text)
        val one = Json.parse(levelJson(portfolio, """{"schedules": 1, "seed": 5}"""))
        assertEquals(Json.canonical(one["projects"]), Json.canonical(r["projects"]))
        // Cancelled before any pass: a typed error.
        val none = LevelRun(portfolio, opts)
        none.cancel()
        none.step(3uL)
        val e = assertFailsWith<JinduException.Other> { none.resultJson() }
        assertEquals("cancelled", e.code)
    }
}

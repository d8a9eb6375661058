package jindu

import kotlin.test.assertFailsWith
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Resource loading from Kotlin: a portfolio sharing one pool, options passed through, typed errors. */
class LoadTest {
    private fun doc(name: String, task: String, days: Int, units: Int = 100) = """
        {"name": "$name", "start": "2026-01-05",
         "tasks": [{"id": "$task", "duration": "${days}d"}],
         "resources": [{"id": "ana"}],
         "assignments": [{"task": "$task", "resource": "ana", "units": $units}]}
    """

    private fun num(v: Any?): Long = (v as Json.Num).toLong()

    @Test
    fun aPortfolioSharesThePool() {
        // P's A (2 days) and Q's B (1 day) both start Monday 5 January: 3 days = 1,440 min of
        // work in that week; A and B at 100% each overallocate ana on Monday 08:00-17:00.
        val l = Json.parse(load(listOf(doc("P", "A", 2), doc("Q", "B", 1)), LoadOptions(by = "week")))
        val ana = (l["resources"] as List<*>)[0]
        assertEquals("ana", ana["id"])
        assertEquals(1440L, num((ana["periods"] as List<*>)[0]["work_minutes"]))
        val over = ana["overallocations"] as List<*>
        assertEquals(1, over.size)
        assertEquals("2026-01-05T08:00:00", over[0]["start"])
        assertEquals("2026-01-05T17:00:00", over[0]["finish"])
        assertEquals(2, (over[0]["tasks"] as List<*>).size)
    }

    @Test
    fun byDayWithARange() {
        // A: 3 days at 50% from Monday; only Tuesday is asked for: 4 h of 8.
        val l = Json.parse(load(listOf(doc("P", "A", 3, units = 50)),
            LoadOptions(by = "day", fromDate = "2026-01-06", toDate = "2026-01-07")))
        val periods = (l["resources"] as List<*>)[0]["periods"] as List<*>
        assertEquals(1, periods.size)
        assertEquals("2026-01-06T00:00:00", periods[0]["start"])
        assertEquals(240L, num(periods[0]["work_minutes"]))
        assertEquals(480L, num(periods[0]["capacity_minutes"]))
    }

    @Test
    fun aPeriodCostsItsWorkAtTheRate() {
        // Ana at 40 an hour with 8 a use, 2 days of A from Monday at 100 %: 8 h x 40 = 320 a day, the use
        // on Monday: 328, 320; total 648.
        val rated = doc("P", "A", 2).replace("{\"id\": \"ana\"}", "{\"id\": \"ana\", \"standard_rate\": 40, \"cost_per_use\": 8}")
        val ana = (Json.parse(load(listOf(rated), LoadOptions(by = "day")))["resources"] as List<*>)[0]
        assertEquals(listOf(328L, 320L), (ana["periods"] as List<*>).map { num(it["cost"]) })
        assertEquals(648L, num(ana["cost"]))
    }

    @Test
    fun badOptionsAreTypedErrors() {
        val e = assertFailsWith<JinduException.Invalid> { load(listOf(doc("P", "A", 1)), LoadOptions(by = "fortnight")) }
        assertEquals("by", e.field)
        assertTrue(e.detail.contains("fortnight"), e.detail)
    }
}

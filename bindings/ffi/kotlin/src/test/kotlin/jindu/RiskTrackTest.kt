package jindu

import kotlin.test.assertFailsWith
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Monte Carlo risk and tracking from Kotlin: closed-form and hand-worked values, typed errors. */
class RiskTrackTest {
    private val riskDoc = """
        {"name": "Go-live", "start": "2026-01-05",
         "tasks": [{"id": "A", "duration": "5d",
                    "estimate": {"optimistic": "4d", "likely": "5d", "pessimistic": "9d"}},
                   {"id": "B", "duration": "3d"}, {"id": "M", "milestone": true}],
         "links": [{"from": "A", "to": "M"}, {"from": "B", "to": "M"}]}
    """

    private val trackDoc = """
        {"name": "Two", "start": "2026-01-05", "status_date": "2026-01-07T17:00",
         "tasks": [{"id": "A", "name": "Design", "duration": "5d", "cost": 5000,
                    "percent_complete": 40, "actual_start": "2026-01-05", "actual_cost": 2500},
                   {"id": "B", "name": "Build", "duration": "5d", "cost": 10000}],
         "links": [{"from": "A", "to": "B"}]}
    """

    private fun num(v: Any?): Double = (v as Json.Num).text.toDouble()

    @Test
    fun riskMatchesTheClosedForm() {
        val opts = RiskOptions(iterations = 4000uL, seed = 2uL, target = "2026-01-12T17:00")
        val text = riskJson(riskDoc, opts)
        val r = Json.parse(text)
        // Triangular(4, 5, 9): mean 6 working days; P(A <= 6) = 1 - 3^2/(5*4) = 0.55.
        assertTrue(Math.abs(num(r["finish"]["mean_working_days"]) - 6.0) < 0.08, text)
        assertTrue(Math.abs(num(r["probability_on_time"]) - 0.55) < 0.035, text)
        assertEquals(text, riskJson(riskDoc, opts.copy(threads = 1u)), "the same seed, any thread count")
        assertNotEquals(text, riskJson(riskDoc, opts.copy(seed = 3uL)))
    }

    @Test
    fun riskErrorsAreTyped() {
        val shape = assertFailsWith<JinduException.Invalid> {
            riskJson(riskDoc, RiskOptions(defaultOptimisticPercent = -10, defaultPessimisticPercent = 20, defaultShape = "beta"))
        }
        assertEquals("default_estimate.shape", shape.field)
        val half = assertFailsWith<JinduException.Input> { riskJson(riskDoc, RiskOptions(convergenceEvery = 100uL)) }
        assertEquals("parse", half.code)
    }

    @Test
    fun earnedValueByHand() {
        // Status Wed 7th 17:00: A planned 3/5 done, PV = 3000; EV = 40 % of 5000; AC 2500.
        val v = Json.parse(evmJson(trackDoc))
        assertEquals(listOf(3000.0, 2000.0, 2500.0), listOf(num(v["pv"]), num(v["ev"]), num(v["ac"])))
        assertEquals(2.0, num(v["es_working_days"]))
        // EAC at the planned rate = AC + (BAC - EV) = 2500 + 13000.
        assertEquals(15500.0, num(Json.parse(evmJson(trackDoc, TrackOptions(eac = "planned_rate")))["eac"]))
        val w = Json.parse(whatifJson(trackDoc, """{"changes": [{"op": "set_duration", "task": "B", "duration": "7d"}]}"""))
        assertEquals(960.0, num(w["finish_delta_minutes"]))
        val md = report(trackDoc, TrackOptions(lang = "zh-CN", format = "markdown"))
        assertTrue(md.startsWith("# Two项目周报"), md)
        // With a listener: the same report, 0 to 3 of 3 steps (status, report, render); a
        // false from the listener cancels it.
        val steps = mutableListOf<Pair<ULong, ULong>>()
        val listened = reportWithProgress(trackDoc, object : ProgressListener {
            override fun progress(done: ULong, total: ULong): Boolean { steps.add(done to total); return true }
        }, TrackOptions(lang = "zh-CN", format = "markdown"))
        assertEquals(md, listened)
        assertEquals(listOf(0uL, 1uL, 2uL, 3uL).map { it to 3uL }, steps)
        val stopped = assertFailsWith<JinduException.Other> {
            reportWithProgress(trackDoc, object : ProgressListener {
                override fun progress(done: ULong, total: ULong) = done == 0uL
            })
        }
        assertEquals("cancelled", stopped.code)
        val bad = assertFailsWith<JinduException.Input> { evmJson(trackDoc, TrackOptions(eac = "guess")) }
        assertEquals("parse", bad.code)
    }

    private val workDoc = """
        {"name": "Hours", "start": "2026-01-05", "status_date": "2026-01-07T12:00",
         "tasks": [{"id": "A", "name": "Build", "duration": "5d", "percent_complete": 50,
                    "actual_start": "2026-01-05",
                    "baselines": [{"number": 0, "start": "2026-01-05", "finish": "2026-01-09T17:00", "work": "40h"}]}],
         "resources": [{"id": "ann", "name": "Ann"}],
         "assignments": [{"task": "A", "resource": "ann", "actual_work": "46h"}]}
    """

    @Test
    fun actualWorkAndAlertThresholds() {
        // 46 h logged of a 40 h budget: nothing left, 6 h over the baseline, 15 % (> 10 %).
        val task = Json.parse(varianceJson(workDoc))["tasks"][0]
        assertEquals(listOf(2760.0, 0.0, 360.0),
            listOf(num(task["actual_work_minutes"]), num(task["remaining_work_minutes"]), num(task["work_variance_minutes"])))
        val text = alertsJson(workDoc)
        assertTrue(text.contains("\"work_overrun\""), text)
        val quiet = alertsJson(workDoc, TrackOptions(alerts = """{"work_overrun_percent": 20}"""))
        assertTrue(!quiet.contains("\"work_overrun\""), quiet)
        val bad = assertFailsWith<JinduException.Invalid> {
            alertsJson(workDoc, TrackOptions(alerts = """{"disabled": ["work_overun"]}"""))
        }
        assertEquals("disabled", bad.field)
    }

    @Test
    fun compareTwoVersionsOfAPlan() {
        // A grows by a day and B follows it; X goes, C comes: the finish moves a day (480 minutes).
        val before = """{"name": "p", "start": "2026-01-05", "tasks": [{"id": "A", "duration": "2d"}, {"id": "B", "duration": "1d"}, {"id": "X", "duration": "1d"}], "links": [{"from": "A", "to": "B"}]}"""
        val after = """{"name": "p", "start": "2026-01-05", "tasks": [{"id": "A", "duration": "3d"}, {"id": "B", "duration": "1d"}, {"id": "C", "duration": "1d"}], "links": [{"from": "A", "to": "B"}]}"""
        val c = Json.parse(compareJson(before, after))
        assertEquals(480.0, num(c["finish_delta_minutes"]))
        assertEquals(listOf("C"), (c["added"] as List<*>).map { it as String })
        assertEquals(listOf("X"), (c["removed"] as List<*>).map { it as String })
        assertEquals(480.0, num(c["moved"][1]["start_delta_minutes"]))
        assertFailsWith<JinduException> { compareJson(before, "{") }
    }

    @Test
    fun riskRunStepsAndCancels() {
        // Step by step to the total: the same report as the one-call run.
        val opts = RiskOptions(iterations = 2000uL, seed = 4uL)
        val run = RiskRun(riskDoc, opts)
        var p = run.step(500uL)
        assertTrue(p.done in 500uL..1999uL && !p.finished, p.toString())
        while (!p.finished) p = run.step(500uL)
        assertEquals(2000uL, p.done)
        assertEquals(riskJson(riskDoc, opts), run.reportJson())
        // Cancelled from another thread part-way: the report of what was done, marked cancelled,
        // equal to a run of that many iterations.
        val other = RiskRun(riskDoc, opts)
        other.step(500uL)
        Thread { other.cancel() }.apply { start(); join() }
        val q = other.step(500uL)
        assertTrue(q.finished, q.toString())
        val r = Json.parse(other.reportJson())
        assertEquals("cancelled", r["stopped"])
        val n = num(r["iterations"]).toLong().toULong()
        assertEquals(Json.canonical(Json.parse(riskJson(riskDoc, opts.copy(iterations = n)))["finish"]), Json.canonical(r["finish"]))
        // Nothing done yet: an error, not an empty report.
        val none = RiskRun(riskDoc, opts)
        none.cancel()
        none.step(500uL)
        assertFailsWith<JinduException> { none.reportJson() }
    }

    @Test
    fun alertsSinceAnEarlierVersion() {
        // Last week A (2 days) drove M; now B takes 3 days and drives it.
        val lastWeek = """{"name": "p", "start": "2026-01-05", "status_date": "2026-01-05T08:00", "tasks": [{"id": "A", "duration": "2d"}, {"id": "B", "duration": "1d"}, {"id": "M", "milestone": true}], "links": [{"from": "A", "to": "M"}, {"from": "B", "to": "M"}]}"""
        val now = lastWeek.replace("\"1d\"", "\"3d\"")
        assertTrue(!alertsJson(now).contains("critical_path_changed"))
        assertTrue(alertsSinceJson(now, lastWeek).contains("critical_path_changed"))
    }
}

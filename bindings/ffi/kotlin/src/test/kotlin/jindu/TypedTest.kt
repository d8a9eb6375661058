package jindu

import kotlin.test.assertFailsWith
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The typed API: data classes in and out, no JSON and no regex. */
class TypedTest {
    // Design (2d) then build (3d), docs (1d) beside build, from Monday 2026-01-05 on the
    // standard calendar (Monday to Friday, 8 h a day): design ends Tuesday 17:00, build runs
    // Wednesday to Friday, so the project finishes Friday 2026-01-09 17:00; docs (Wednesday)
    // could slip to Friday: 2 days (960 working minutes) of float.
    private val plan = Document(
        name = "Launch",
        start = "2026-01-05",
        tasks = listOf(
            TaskInput(id = "design", name = "Design", duration = "2d"),
            TaskInput(id = "build", duration = "3d"),
            TaskInput(id = "docs", duration = "1d"),
        ),
        links = listOf(
            LinkInput(from = "design", to = "build"),
            LinkInput(from = "design", to = "docs", kind = "FS"),
        ),
    )

    @Test
    fun theFinishOfAHandComputedPlanIsAProperty() {
        val s = schedule(plan)
        assertEquals("2026-01-09T17:00:00", s.projectFinish)
        assertEquals(listOf("design", "build"), s.criticalPath)
        val docs = s.tasks.first { it.id == "docs" }
        assertEquals("2026-01-07T08:00:00", docs.start)
        assertEquals(960L, docs.totalFloatMinutes)
        assertEquals(false, docs.critical)
        // Docs is held by its link from design (finish-to-start).
        assertEquals(Driver.Link(from = "design", lag = null, link = LinkCode.FS), docs.driver)
        // The same finish as the JSON form of the same plan.
        val json = """{"name": "Launch", "start": "2026-01-05",
            "tasks": [{"id": "design", "duration": "2d"}, {"id": "build", "duration": "3d"},
                      {"id": "docs", "duration": "1d"}],
            "links": [{"from": "design", "to": "build"}, {"from": "design", "to": "docs"}]}"""
        assertEquals(s.projectFinish, Json.parse(scheduleJson(json))["project_finish"])
    }

    @Test
    fun typedEditsReturnTypedDiffs() = Scheduler.fromDocument(plan).use { s ->
        // Build 3d -> 4d: it and the project end Monday 2026-01-12; docs' float grows to 3d.
        val d = s.applyEdit(Edit.SetDuration(task = "build", duration = "4d"))
        assertEquals(listOf("2026-01-09T17:00:00", "2026-01-12T17:00:00"), d.projectFinish)
        assertEquals(listOf("build", "docs"), d.changes.map { it.id })
        assertEquals("2026-01-12T17:00:00", d.changes[0].after?.finish)
        assertEquals("3d", d.changes[1].after?.totalFloat)
        assertEquals("2026-01-12T17:00:00", s.current().projectFinish)
        assertEquals("4d", s.document().tasks[1].duration)
        // A preview changes nothing.
        val p = s.previewEdit(Edit.RemoveTask(task = "docs"))
        assertNull(p.changes[0].after)
        assertEquals(3, s.current().tasks.size)
    }

    @Test
    fun anInvalidTypedDocumentFailsAsTheJsonOneDoes() {
        val bad = plan.copy(tasks = plan.tasks.map { if (it.id == "build") it.copy(duration = "three days") else it })
        val e = assertFailsWith<JinduException> { schedule(bad) }
        assertTrue(e.toString().contains("build"), e.toString())
    }

    @Test
    fun resultsAreTyped() {
        // With a resource on design and build (one at a time: they are linked anyway), nothing
        // needs levelling; the Monte Carlo of fixed durations always finishes on the plan's date.
        val withPool = plan.copy(
            resources = listOf(Resource(id = "r")),
            assignments = listOf(Assignment(task = "design", resource = "r"), Assignment(task = "build", resource = "r")),
        )
        val l = level(listOf(withPool))
        assertEquals(listOf<TaskDelay>(), l.projects[0].delays)
        assertTrue(l.unresolved.isEmpty())
        val r = risk(withPool, RiskOptions(iterations = 100uL, seed = 1uL))
        assertEquals("2026-01-09T17:00:00", r.finish.p80)
        val h = health(withPool)
        assertEquals(14, h.checks.size)
        assertEquals(h.checks.size.toLong(), h.passed + h.failed + h.notApplicable)
    }
}

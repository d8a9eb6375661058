package jindu

import kotlin.concurrent.thread
import kotlin.test.assertFailsWith
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The Kotlin API: values, diffs after edits and typed exceptions. */
class ApiTest {
    private val doc = """
        {"name": "Demo", "start": "2026-01-05",
         "tasks": [{"id": "A", "name": "Design", "duration": "2d"},
                   {"id": "B", "name": "Build", "duration": "3d"},
                   {"id": "C", "name": "Docs", "duration": "1d"}],
         "links": [{"from": "A", "to": "B"}, {"from": "A", "to": "C"}]}
    """

    private fun changed(diff: String): List<Any?> = (Json.parse(diff)["changes"] as List<*>).map { it["id"] }

    private fun after(diff: String, id: String): Any? =
        (Json.parse(diff)["changes"] as List<*>).first { it["id"] == id }["after"]

    private fun task(s: Scheduler, id: String): Any? = s.task(id)?.let { Json.parse(it) }

    @Test
    fun scheduleJsonWritesTheCoreSchedule() {
        val s = Json.parse(scheduleJson(doc))
        assertEquals("2026-01-09T17:00:00", s["project_finish"])
        assertEquals(listOf("A", "B"), s["critical_path"])
        val c = (s["tasks"] as List<*>)[2]
        assertEquals("2026-01-07T08:00:00", c["start"])
        assertEquals(Json.Num("960"), c["total_float_minutes"])
        assertEquals("0.1.0", version())
    }

    @Test
    fun editsReturnOnlyTheChangedTasks() = Scheduler(doc).use { s ->
        val d = s.setDuration("C", "4d")
        assertEquals(listOf("B", "C"), changed(d))
        assertEquals(listOf("2026-01-09T17:00:00", "2026-01-12T17:00:00"), Json.parse(d)["project_finish"])
        assertEquals("1d", after(d, "B")["total_float"])
        assertEquals(true, after(d, "C")["critical"])
        assertEquals(listOf("A", "C"), Json.parse(s.schedule())["critical_path"])
        assertEquals("4d", task(s, "C")["duration"])
        assertNull(s.task("nope"))
    }

    @Test
    fun previewDoesNotCommit() = Scheduler(doc).use { s ->
        val before = s.schedule()
        val edit = """{"op": "set_duration", "task": "A", "duration": "5d"}"""
        val d = s.preview(edit)
        assertEquals(listOf("A", "B", "C"), changed(d))
        assertEquals(before, s.schedule())
        assertEquals(d, s.apply(edit))
        assertEquals("2026-01-14T17:00:00", Json.parse(s.schedule())["project_finish"])
    }

    @Test
    fun linksTasksConstraintsAndPins() = Scheduler(doc).use { s ->
        assertEquals(listOf(DrivingLink("A", LinkType.FINISH_TO_START, null)), s.why("C"))
        assertEquals(emptyList<DrivingLink>(), s.why("A"))
        assertNull(s.why("nope"))

        assertEquals(listOf("C"), changed(s.addLink("B", "C", LinkType.START_TO_START, "1d")))
        assertEquals(listOf(DrivingLink("B", LinkType.START_TO_START, "1d")), s.why("C"))
        assertEquals("2026-01-08T08:00:00", task(s, "C")["start"])
        s.setLink("B", "C")
        assertEquals("2026-01-12T08:00:00", task(s, "C")["start"])
        s.removeLink("B", "C")
        assertEquals("2026-01-07T08:00:00", task(s, "C")["start"])

        val d = s.addTask("""{"id": "D", "name": "Review", "duration": "1d"}""")
        assertEquals(listOf("D"), changed(d))
        assertEquals("2026-01-05T08:00:00", after(d, "D")["start"])
        s.addLink("C", "D")
        val c = s.setConstraint("D", ConstraintType.START_NO_EARLIER_THAN, "2026-01-13")
        assertEquals("2026-01-13T08:00:00", after(c, "D")["start"])
        assertEquals("2d", after(c, "A")["total_float"])
        s.setConstraint("D", ConstraintType.AS_SOON_AS_POSSIBLE)
        assertEquals("2026-01-08T08:00:00", task(s, "D")["start"])
        s.pin("D", "2026-01-06")
        assertEquals("2026-01-06T08:00:00", task(s, "D")["start"])
        s.unpin("D")
        assertEquals("2026-01-08T08:00:00", task(s, "D")["start"])
        s.setDeadline("D", "2026-01-07")
        assertTrue((Json.parse(s.project())["tasks"][3]["deadline"] as String).startsWith("2026-01-07"))
        s.setDeadline("D")
        assertNull((Json.parse(s.project())["tasks"][3] as Map<*, *>)["deadline"])
        val r = s.removeTask("D")
        assertEquals(listOf("C", "D"), changed(r))
        assertNull(after(r, "D"))
        assertEquals(listOf("A", "B", "C"), (Json.parse(s.project())["tasks"] as List<*>).map { it["id"] })
    }

    @Test
    fun failedEditsThrowTypedExceptionsAndChangeNothing() = Scheduler(doc).use { s ->
        val before = s.schedule()
        val cycle = assertFailsWith<JinduException.Cycle> { s.addLink("C", "A") }
        assertEquals("cycle", cycle.code)
        assertEquals("A", cycle.taskId)
        assertEquals("dependency cycle: A -> C -> A", cycle.detail)
        val dup = assertFailsWith<JinduException.Invalid> { s.addLink("A", "B") }
        assertEquals("duplicate_link" to "B", dup.code to dup.taskId)
        val self = assertFailsWith<JinduException.Invalid> { s.addLink("C", "C") }
        assertEquals("self_link", self.code)
        val noLink = assertFailsWith<JinduException.NotFound> { s.removeLink("B", "C") }
        assertEquals("no_such_link" to "C", noLink.code to noLink.taskId)
        val unknown = assertFailsWith<JinduException.NotFound> { s.setDuration("Z", "1d") }
        assertEquals("unknown_task" to "Z", unknown.code to unknown.taskId)
        val bad = assertFailsWith<JinduException.Invalid> { s.setDuration("A", "2 days") }
        assertEquals(Triple("invalid", "A", "duration"), Triple(bad.code, bad.taskId, bad.field))
        val date = assertFailsWith<JinduException.Invalid> { s.setConstraint("A", ConstraintType.MUST_START_ON) }
        assertEquals("constraint", date.field)
        val op = assertFailsWith<JinduException.Input> { s.apply("""{"op": "nope"}""") }
        assertEquals("json" to "op", op.code to op.field)
        val notObject = assertFailsWith<JinduException.Input> { s.addTask("\"D\"") }
        assertEquals("json", notObject.code)
        assertEquals(before, s.schedule())
    }

    @Test
    fun documentErrors() {
        val cycle = assertFailsWith<JinduException.Cycle> {
            scheduleJson(doc.replace("""{"from": "A", "to": "C"}""", """{"from": "B", "to": "A"}"""))
        }
        assertEquals("cycle", cycle.code)
        val field = assertFailsWith<JinduException.Input> { Scheduler("""{"name": "x", "start": "2026-01-05", "colour": 1}""") }
        assertEquals("json", field.code)
        assertTrue("colour" in field.detail)
        val missing = assertFailsWith<JinduException.NotFound> {
            scheduleJson(doc.replace("""{"from": "A", "to": "C"}""", """{"from": "A", "to": "Q"}"""))
        }
        assertEquals("unknown_task" to "Q", missing.code to missing.taskId)
        assertFailsWith<JinduException.Input> { scheduleJson("{") }
    }

    /** One `catch` on the base type reads the code, task, field and path; `message` is the sentence. */
    @Test
    fun errorsReadWellOnTheBaseType() {
        fun caught(block: () -> Unit): JinduException =
            try {
                block()
                error("expected a JinduException")
            } catch (e: JinduException) {
                e
            }
        val cycle = caught {
            scheduleJson(doc.replace("""{"from": "A", "to": "C"}""", """{"from": "A", "to": "C"}, {"from": "C", "to": "A"}"""))
        }
        assertEquals(listOf("cycle", "A", null), listOf(cycle.code, cycle.taskId, cycle.field))
        assertEquals("dependency cycle: A -> C -> A", cycle.message)
        assertEquals(cycle.detail, cycle.message)
        assertNull(cycle.path)
        // A typo in the second task of JSON text: the path, and the line and column in that text.
        val typo = caught {
            scheduleJson("{\"name\": \"x\", \"start\": \"2026-01-05\",\n \"tasks\": [{\"id\": \"A\"}, {\"id\": \"B\", \"duraton\": \"2d\"}]}")
        }
        assertEquals(listOf("json", "B", "duraton"), listOf(typo.code, typo.taskId, typo.field))
        assertEquals("tasks[1].duraton", typo.path)
        // Line 2: ` "tasks": [{"id": "A"}, {"id": "B", "duraton"` ends at column 45.
        assertEquals(2u to 45u, typo.line to typo.column)
        val m = typo.message!!
        assertTrue(m.startsWith("task `B`: unknown field `duraton`, expected one of `id`, "), m)
        assertTrue(m.endsWith(" at `tasks[1].duraton` (line 2, column 45)"), m)
        // A bad date in the second exception of a calendar: named by its path.
        val date = caught {
            scheduleJson("""{"name": "x", "start": "2026-01-05", "calendars": [{"id": "c", "week": {},
                "exceptions": [{"date": "2026-01-01"}, {"date": "1 May"}]}], "tasks": []}""")
        }
        assertEquals(listOf("invalid", null, "exceptions.date"), listOf(date.code, date.taskId, date.field))
        assertEquals("calendars[0].exceptions[1].date", date.path)
        assertEquals(
            "calendar `c`: field `exceptions[1].date`: invalid date \"1 May\": expected YYYY-MM-DD, years 1000-9999",
            date.message,
        )
        assertNull(date.line)
    }

    @Test
    fun oneSchedulerFromManyThreads() = Scheduler(doc).use { s ->
        val threads = (1..4).map { k -> thread { repeat(20) { s.setDuration("C", "${k}d"); s.schedule() } } }
        threads.forEach { it.join() }
        assertTrue(task(s, "C")["duration"] in setOf("1d", "2d", "3d", "4d"))
    }
}

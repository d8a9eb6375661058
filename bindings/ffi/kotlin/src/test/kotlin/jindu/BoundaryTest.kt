package jindu

import kotlin.test.assertFailsWith
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test

/** No panic crosses into the JVM: a panic inside jindu (a bug) is a typed JinduException.Internal. */
class BoundaryTest {
    @Test
    fun aPanicIsAnInternalErrorAndTheNextCallWorks() {
        // forcePanicForTests exists only to prove this: it panics inside the binding's guard.
        for (k in 0 until 3) {
            val e = assertFailsWith<JinduException.Internal> { forcePanicForTests("forced panic $k") }
            assertEquals("internal", e.code)
            assertNull(e.taskId)
            assertNull(e.field)
            assertEquals("internal error in jindu (please report it): forced panic $k", e.detail)
            // Monday 5 January 08:00 + 2 working days: Tuesday 6 at 17:00.
            val s = Json.parse(scheduleJson("""{"name": "P", "start": "2026-01-05", "tasks": [{"id": "A", "duration": "2d"}]}"""))
            assertEquals("2026-01-06T17:00:00", s["project_finish"])
        }
    }
}

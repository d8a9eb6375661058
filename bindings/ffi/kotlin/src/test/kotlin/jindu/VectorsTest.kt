package jindu

import java.io.File
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory

/** The repository root: the `jindu.root` system property, else the nearest parent with tests/vectors. */
fun repoRoot(): File {
    System.getProperty("jindu.root")?.let { return File(it) }
    var dir: File? = File("").absoluteFile
    while (dir != null && !File(dir, "tests/vectors").isDirectory) dir = dir.parentFile
    return dir ?: error("run from the repository or set -Djindu.root")
}

/** The conformance vectors, as (file name, vector) pairs in name order. */
fun vectors(): List<Pair<String, Any?>> =
    File(repoRoot(), "tests/vectors").listFiles { f -> f.name.endsWith(".json") }!!
        .sortedBy { it.name }
        .map { it.name to Json.parse(it.readText()) }

/** The `error` object of a vector, from a JinduException. */
fun errorJson(e: JinduException): Map<String, Any?> {
    val (code, task, field, detail) = when (e) {
        is JinduException.Input -> listOf(e.code, e.taskId, e.field, e.detail)
        is JinduException.Invalid -> listOf(e.code, e.taskId, e.field, e.detail)
        is JinduException.NotFound -> listOf(e.code, e.taskId, e.field, e.detail)
        is JinduException.Cycle -> listOf(e.code, e.taskId, e.field, e.detail)
        is JinduException.Other -> listOf(e.code, e.taskId, e.field, e.detail)
        is JinduException.File -> listOf(e.code, e.taskId, e.field, e.detail)
        is JinduException.Internal -> listOf(e.code, e.taskId, e.field, e.detail)
    }
    return mapOf("code" to code, "task" to task, "field" to field, "message" to detail)
}

/** Runs [f]: `{key: parsed result}` or `{"error": errorJson}`. */
fun outcome(key: String, f: () -> String): Map<String, Any?> = try {
    mapOf(key to Json.parse(f()))
} catch (e: JinduException) {
    mapOf("error" to errorJson(e))
}

/**
 * Every conformance vector (the JSON files in tests/vectors) through the Kotlin API, compared with the
 * expectations after canonical formatting, exactly like the Rust runner (tests/src/lib.rs).
 */
class VectorsTest {
    @Test
    fun theVectorsAreThere() {
        assertTrue(vectors().size >= 10)
    }

    @TestFactory
    fun everyVector(): List<DynamicTest> = vectors().map { (name, v) ->
        DynamicTest.dynamicTest(name) { check(name, v) }
    }

    private fun check(name: String, v: Any?) {
        val text = Json.canonical(v["document"])
        val want = Json.canonical(v["expect"])
        assertEquals(want, Json.canonical(outcome("schedule") { scheduleJson(text) }), "$name via scheduleJson")
        assertEquals(
            want,
            Json.canonical(outcome("schedule") { Scheduler(text).use { it.schedule() } }),
            "$name via Scheduler.schedule()",
        )
        val edits = (v as Map<*, *>)["edits"] as List<*>? ?: return
        Scheduler(text).use { s ->
            edits.forEachIndexed { k, step ->
                val edit = Json.canonical(step["edit"])
                val before = s.schedule()
                val previewed = outcome("diff") { s.preview(edit) }
                assertEquals(before, s.schedule(), "$name edit $k: preview committed")
                val got = outcome("diff") { s.apply(edit) }
                assertEquals(Json.canonical(previewed), Json.canonical(got), "$name edit $k: preview != apply")
                assertEquals(Json.canonical(step["expect"]), Json.canonical(got), "$name edit $k")
                if ("error" in got) assertEquals(before, s.schedule(), "$name edit $k: failed edit committed")
            }
            assertEquals(Json.canonical(v["final"]), Json.canonical(Json.parse(s.schedule())), "$name final")
        }
    }
}

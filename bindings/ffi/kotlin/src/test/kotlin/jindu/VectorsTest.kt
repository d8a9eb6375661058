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

/** The schedule-level fields a vector's `hand` section may give (see tests/src/lib.rs). */
val HAND_SCHEDULE_FIELDS = listOf("project_start", "project_finish", "critical_path", "violations")

/** The vectors that must carry hand-computed values. */
val HAND_VECTORS = listOf(
    "textbook-cpm.json", "link-types.json", "holidays.json", "negative-float.json", "summaries.json", "deadline.json",
)

/**
 * Compares a vector's hand-computed values (`hand`, worked out from core/DESIGN.md, never written by the
 * core) with [schedule], a schedule this binding computed: how many values were compared, and the
 * disagreements; (0, []) without a `hand` section.
 */
fun checkHand(v: Any?, schedule: Any?): Pair<Int, List<String>> {
    val hand = (v as Map<*, *>)["hand"] as Map<*, *>? ?: return 0 to emptyList()
    var compared = 0
    val problems = ArrayList<String>()
    val s = schedule as Map<*, *>
    fun compare(what: String, want: Any?, present: Boolean, got: Any?) {
        compared++
        if (!present || Json.canonical(got) != Json.canonical(want)) {
            val shown = if (present) Json.canonical(got) else "nothing"
            problems.add("$what: hand ${Json.canonical(want)} but computed $shown")
        }
    }
    if ((hand["working"] as List<*>?).isNullOrEmpty()) problems.add("hand.working: missing")
    for (f in HAND_SCHEDULE_FIELDS) {
        if (f in hand) compare("hand.$f", hand[f], f in s, s[f])
    }
    val tasks = hand["tasks"] as Map<*, *>? ?: emptyMap<String, Any?>()
    if (tasks.isEmpty()) problems.add("hand.tasks: missing")
    val got = (s["tasks"] as List<*>?).orEmpty().map { it as Map<*, *> }
    for ((id, fields) in tasks) {
        val t = got.firstOrNull { Json.canonical(it["id"]).trim('"') == id }
        for ((f, want) in fields as Map<*, *>) {
            compare("hand.tasks.$id.$f", want, t != null && f in t, t?.get(f))
        }
    }
    return compared to problems
}

/** A vector's risk options (the JSON request) as the [RiskOptions] record. */
fun riskOptions(o: Any?): RiskOptions {
    val m = o as Map<*, *>
    fun long(v: Any?): Long? = (v as Json.Num?)?.toLong()
    val d = m["default_estimate"] as Map<*, *>?
    val c = m["convergence"] as Map<*, *>?
    return RiskOptions(
        iterations = long(m["iterations"])?.toULong(),
        seed = long(m["seed"])?.toULong(),
        target = m["target"] as String?,
        threads = long(m["threads"])?.toUInt(),
        defaultOptimisticPercent = long(d?.get("optimistic_percent"))?.toInt(),
        defaultPessimisticPercent = long(d?.get("pessimistic_percent"))?.toInt(),
        defaultShape = d?.get("shape") as String?,
        defaultHistory = d?.get("history") == true,
        convergenceEvery = long(c?.get("every"))?.toULong(),
        convergenceTolerance = c?.get("tolerance") as String?,
        histogramBins = long(m["histogram_bins"])?.toUInt(),
        tornado = long(m["tornado"])?.toUInt(),
    )
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
        val all = vectors()
        assertTrue(all.size >= 20)
        assertTrue(all.any { (_, v) -> ((v as Map<*, *>)["risk"] as List<*>?).orEmpty().size >= 2 }, "Monte Carlo runs")
        val withHand = all.filter { (_, v) -> "hand" in (v as Map<*, *>) }.map { it.first }
        for (name in HAND_VECTORS) assertTrue(name in withHand, "$name carries hand-computed values")
    }

    @Test
    fun checkHandFailsOnMistakes() {
        val text = File(repoRoot(), "tests/vectors/textbook-cpm.json").readText()
        val v = Json.parse(text)
        val schedule = v["expect"]["schedule"]
        val (n, ok) = checkHand(v, schedule)
        assertTrue(n >= 60 && ok.isEmpty(), "$n $ok")
        val broken = Json.parse(text)
        @Suppress("UNCHECKED_CAST")
        val tasks = broken["hand"]["tasks"] as MutableMap<String, Any?>
        @Suppress("UNCHECKED_CAST")
        val i = tasks["I"] as MutableMap<String, Any?>
        i["free_float_minutes"] = Json.Num("960")
        tasks["Z"] = mapOf("critical" to true)
        val (_, problems) = checkHand(broken, schedule)
        assertEquals(2, problems.size, "$problems")
        assertTrue(problems.any { "hand.tasks.I.free_float_minutes: hand 960" in it }, "$problems")
    }

    @TestFactory
    fun everyVector(): List<DynamicTest> = vectors().map { (name, v) ->
        DynamicTest.dynamicTest(name) { check(name, v) }
    }

    private fun check(name: String, v: Any?) {
        val text = Json.canonical(v["document"])
        val want = Json.canonical(v["expect"])
        val ways = mapOf<String, () -> String>(
            "scheduleJson" to { scheduleJson(text) },
            "Scheduler.schedule()" to { Scheduler(text).use { it.schedule() } },
        )
        for ((way, f) in ways) {
            val got = outcome("schedule", f)
            // The hand-computed values first: they show the schedule is right, not only the same.
            if ("hand" in (v as Map<*, *>)) {
                assertTrue("schedule" in got, "$name via $way: a vector with hand values must schedule")
                val (compared, problems) = checkHand(v, got["schedule"])
                assertEquals(emptyList<String>(), problems, "$name via $way: hand-computed values")
                assertTrue(compared >= 10, "$name via $way: only $compared hand values")
            }
            assertEquals(want, Json.canonical(got), "$name via $way")
        }
        // Monte Carlo runs: the same seed gives the report the Rust core wrote, exactly.
        ((v as Map<*, *>)["risk"] as List<*>?).orEmpty().forEachIndexed { k, run ->
            val got = outcome("report") { riskJson(text, riskOptions(run["options"])) }
            assertEquals(Json.canonical(run["expect"]), Json.canonical(got), "$name risk $k")
        }
        val edits = v["edits"] as List<*>? ?: return
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

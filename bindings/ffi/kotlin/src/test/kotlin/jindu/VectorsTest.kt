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

/** The `error` object of a vector, from a JinduException (its fields are on the base type). */
fun errorJson(e: JinduException): Map<String, Any?> =
    mapOf("code" to e.code, "task" to e.taskId, "field" to e.field, "message" to e.message)

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

/** The languages every `track` entry's status report is written in (`expect.report` keys). */
val TRACK_REPORT_LANGS = listOf("en", "zh-CN")

/** A `track` entry's options (the JSON request) as the [TrackOptions] record; an option the record lacks fails. */
fun trackOptions(o: Any?, lang: String? = null, format: String? = null): TrackOptions {
    val m = o as Map<*, *>
    val known = setOf("status_date", "baseline", "eac", "ieac", "period", "lang", "currency", "client", "format", "alerts")
    val unknown = m.keys.filter { it !in known }
    require(unknown.isEmpty()) { "track options the Kotlin record lacks: $unknown" }
    return TrackOptions(
        statusDate = m["status_date"] as String?,
        baseline = (m["baseline"] as Json.Num?)?.toLong()?.toInt()?.toUByte(),
        eac = m["eac"] as String?,
        ieac = m["ieac"] as String?,
        period = m["period"] as String?,
        lang = lang ?: m["lang"] as String?,
        currency = m["currency"] as String?,
        client = m["client"] == true,
        format = format ?: m["format"] as String?,
        alerts = m["alerts"]?.let { Json.canonical(it) },
    )
}

/**
 * A `track` entry through the Kotlin API: evmJson, alertsJson, buffersJson, varianceJson, report (JSON,
 * in each of [TRACK_REPORT_LANGS]) and, with a change set, whatifJson, as one map; at the first error,
 * `{"error": errorJson}` (what the entry's `expect` holds).
 */
fun runTrack(document: String, entry: Any?): Map<String, Any?> = try {
    val o = trackOptions(entry["options"])
    val out = linkedMapOf<String, Any?>(
        "evm" to Json.parse(evmJson(document, o)),
        "alerts" to Json.parse(alertsJson(document, o)),
        "buffers" to Json.parse(buffersJson(document, o)),
        "variance" to Json.parse(varianceJson(document, o)),
        "report" to TRACK_REPORT_LANGS.associateWith { lang ->
            Json.parse(report(document, trackOptions(entry["options"], lang = lang, format = "json")))
        },
    )
    if ("changes" in (entry as Map<*, *>)) {
        out["whatif"] = Json.parse(whatifJson(document, Json.canonical(entry["changes"]), o))
    }
    out
} catch (e: JinduException) {
    mapOf("error" to errorJson(e))
}

/**
 * The value at a dotted path of a result, as `lookup` in tests/src/lib.rs: an object's key; in a list, a
 * number indexes it, `*` takes the rest of the path in every item and any other word finds the item with
 * that `id` (`evm.tasks.B.ev`, `whatif.moved.*.id`). (found, value).
 */
fun lookup(v: Any?, path: String): Pair<Boolean, Any?> {
    val part = path.substringBefore('.')
    val rest = if ('.' in path) path.substringAfter('.') else null
    val next: Any? = when {
        v is List<*> && part == "*" -> {
            val all = v.map { if (rest == null) true to it else lookup(it, rest) }
            return all.all { it.first } to all.map { it.second }
        }
        v is List<*> && part.all { it.isDigit() } -> if (part.toInt() < v.size) v[part.toInt()] else return false to null
        v is List<*> -> v.firstOrNull { it is Map<*, *> && it["id"] == part } ?: return false to null
        v is Map<*, *> && part in v -> v[part]
        else -> return false to null
    }
    return if (rest == null) true to next else lookup(next, rest)
}

/**
 * Compares a `hand` section of hand-worked values (`{"working": [...], "values": {path: {"value": v,
 * "within": tol}}}`, as `check_values` in tests/src/lib.rs) with [result], a result this binding computed:
 * how many values were compared, and the disagreements.
 */
fun checkValues(hand: Any?, result: Any?): Pair<Int, List<String>> {
    val h = hand as Map<*, *>
    var compared = 0
    val problems = ArrayList<String>()
    if ((h["working"] as List<*>?).isNullOrEmpty()) problems.add("hand.working: missing")
    for (k in h.keys) if (k != "working" && k != "values") problems.add("hand.$k: unknown field")
    val values = h["values"] as Map<*, *>? ?: emptyMap<String, Any?>()
    if (values.isEmpty()) problems.add("hand.values: missing")
    for ((path, want) in values) {
        compared++
        val (found, got) = lookup(result, path as String)
        val within = want["within"] as Json.Num?
        val ok = if (within != null) {
            got is Json.Num && Math.abs(got.text.toDouble() - (want["value"] as Json.Num).text.toDouble()) <= within.text.toDouble()
        } else {
            found && Json.canonical(got) == Json.canonical(want["value"])
        }
        if (!ok) problems.add("hand.values.$path: hand ${Json.canonical(want)} but computed ${if (found) Json.canonical(got) else "nothing"}")
    }
    return compared to problems
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
        val named = all.toMap()
        for (name in listOf("tracking-evm.json", "tracking-whatif.json")) {
            val track = named[name]["track"] as List<*>
            assertTrue(track.any { "hand" in (it as Map<*, *>) }, "$name has hand-worked tracking values")
        }
    }

    @Test
    fun checkValuesFailsOnMistakes() {
        val text = File(repoRoot(), "tests/vectors/tracking-evm.json").readText()
        val entry = Json.parse(text)["track"][0]
        val (n, ok) = checkValues(entry["hand"], entry["expect"])
        assertTrue(n >= 30 && ok.isEmpty(), "$n $ok")
        val broken = Json.parse(text)["track"][0]
        @Suppress("UNCHECKED_CAST")
        val values = broken["hand"]["values"] as MutableMap<String, Any?>
        values["evm.pv"] = mapOf("value" to Json.Num("9000.0"))
        values["evm.spi"] = mapOf("value" to Json.Num("0.8501"), "within" to Json.Num("1e-6"))
        values["evm.tasks.Z.ev"] = mapOf("value" to Json.Num("1.0"))
        values["evm.forecast_finish"] = mapOf("value" to "2026-01-22T14:42:00")
        val (_, problems) = checkValues(broken["hand"], entry["expect"])
        assertEquals(4, problems.size, "$problems")
        val w = Json.parse(File(repoRoot(), "tests/vectors/tracking-whatif.json").readText())["track"][0]
        assertEquals(true to listOf("C", "M"), lookup(w["expect"], "whatif.moved.*.id"))
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
        // Tracking entries: every tracking function gives what the core wrote; the hand-worked values hold.
        ((v as Map<*, *>)["track"] as List<*>?).orEmpty().forEachIndexed { k, entry ->
            val got = runTrack(text, entry)
            assertEquals(Json.canonical(entry["expect"]), Json.canonical(got), "$name track $k")
            if ("hand" in (entry as Map<*, *>)) {
                assertTrue("error" !in got, "$name track $k: an entry with hand values must succeed")
                val (compared, problems) = checkValues(entry["hand"], got)
                assertEquals(emptyList<String>(), problems, "$name track $k: hand-worked values")
                assertTrue(compared >= 5, "$name track $k: only $compared hand values")
            }
        }
        // Levelling runs: levelJson with the options as JSON text gives what the core wrote.
        ((v as Map<*, *>)["level"] as List<*>?).orEmpty().forEachIndexed { k, run ->
            val got = outcome("levelled") { levelJson(text, Json.canonical((run as Map<*, *>)["options"])) }
            assertEquals(Json.canonical(run["expect"]), Json.canonical(got), "$name level $k")
            if ("hand" in run) {
                val (compared, problems) = checkValues(run["hand"], got["levelled"])
                assertEquals(emptyList<String>(), problems, "$name level $k: hand-worked values")
                assertTrue(compared >= 5, "$name level $k: only $compared hand values")
            }
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

package jindu

import java.io.File
import kotlin.io.path.createTempDirectory
import kotlin.test.assertFailsWith
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Reading and writing files: readMspdi, readCsv, readPsplib (paths and bytes), readFile/readBytes, writeMspdi. */
class IoTest {
    private val tasksCsv = File(repoRoot(), "examples/tasks.csv")
    private val delivery = File(repoRoot(), "examples/delivery.json")

    private val smallSm = """
        jobs (incl. supersource/sink ):  4
        RESOURCES
          - renewable                 :  1   R
          - nonrenewable              :  0   N
          - doubly constrained        :  0   D
        ****
        PRECEDENCE RELATIONS:
        jobnr.    #modes  #successors   successors
           1        1          2           2   3
           2        1          1           4
           3        1          1           4
           4        1          0
        ****
        REQUESTS/DURATIONS:
        jobnr. mode duration  R 1
        ------------------------------------------------------------------------
          1      1     0       0
          2      1     3       2
          3      1     5       1
          4      1     0       0
        ****
        RESOURCEAVAILABILITIES:
          R 1
           2
        ****
    """.trimIndent() + "\n"

    @Test
    fun readCsvFromAPathAndFromBytes() {
        val imp = readCsv(tasksCsv.path)
        assertEquals("csv", imp.format)
        assertEquals(emptyList<ImportWarning>(), imp.warnings)
        assertEquals(emptyList<StoredTask>(), imp.stored)
        val project = Json.parse(imp.document)
        assertEquals("Imported tasks", project["name"])
        assertEquals(9, (project["tasks"] as List<*>).size)
        assertEquals("2026-02-05T17:00:00", Json.parse(scheduleJson(imp.document))["project_finish"])
        assertEquals(imp, readCsvBytes(tasksCsv.readBytes()))
        assertEquals(imp, readFile(tasksCsv.path))

        val named = readCsvBytes("编号,任务名称,工期,Colour\n1,设计,3天,red\n".toByteArray(), name = "新办公室", start = "2026-03-02")
        assertEquals("新办公室", Json.parse(named.document)["name"])
        assertEquals("2026-03-02T08:00:00", Json.parse(named.document)["start"])
        val w = named.warnings.single()
        assertEquals("unknown_columns", w.code)
        assertEquals(listOf(UnknownColumn(4u, "Colour")), w.columns)
        assertEquals(1uL, w.count)
        assertEquals("columns not imported (unknown header): 4 \"Colour\"", w.text)
    }

    @Test
    fun writeMspdiAndReadItBack() {
        val xml = writeMspdi(delivery.readText())
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\""))
        val dir = createTempDirectory("jindu-io").toFile()
        try {
            val file = File(dir, "delivery.xml").also { it.writeText(xml) }
            val imp = readMspdi(file.path)
            assertEquals("mspdi", imp.format)
            assertEquals(emptyList<ImportWarning>(), imp.warnings)
            assertEquals((Json.parse(imp.document)["tasks"] as List<*>).size, imp.stored.size)
            val want = Json.parse(scheduleJson(delivery.readText()))["project_finish"]
            assertEquals(want, Json.parse(scheduleJson(imp.document))["project_finish"])
            assertTrue(imp.stored.any { it.finish == want && it.critical == true })
            assertEquals(imp, readMspdiBytes(xml.toByteArray()))
            // The content tells it is MSPDI, whatever the name.
            assertEquals(imp, readBytes(xml.toByteArray()))
        } finally {
            dir.deleteRecursively()
        }
    }

    @Test
    fun readPsplibWithNameAndStart() {
        val imp = readPsplibBytes(smallSm.toByteArray())
        assertEquals("psplib", imp.format)
        assertEquals("2026-01-10T00:00:00", Json.parse(scheduleJson(imp.document))["project_finish"])
        val named = readPsplibBytes(smallSm.toByteArray(), name = "small", start = "2026-03-02T00:00")
        assertEquals("small", Json.parse(named.document)["name"])
        assertEquals("2026-03-07T00:00:00", Json.parse(scheduleJson(named.document))["project_finish"])
        assertEquals(imp, readBytes(smallSm.toByteArray(), ReadOptions(format = "psplib")))
    }

    @Test
    fun fileErrorsCarryWhereTheyAre() {
        val csv = assertFailsWith<JinduException.File> { readCsvBytes("id,duration\n1,2d\n2,two days\n".toByteArray()) }
        assertEquals(listOf("import", "csv", 3u, 2u), listOf(csv.code, csv.format, csv.line, csv.column))
        assertEquals(listOf("duration", "two days", "duration"), listOf(csv.header, csv.value, csv.field))
        assertNull(csv.element)

        val xml = "<Project>\n<StartDate>2026-01-05T08:00:00</StartDate>\n<Tasks><Task><UID>7</UID><Duration>8h</Duration></Task></Tasks></Project>"
        val e = assertFailsWith<JinduException.File> { readMspdiBytes(xml.toByteArray()) }
        assertEquals(listOf("xml", "mspdi", 3u, "Task/Duration", "7"), listOf(e.code, e.format, e.line, e.element, e.taskId))

        val io = assertFailsWith<JinduException.File> { readMspdi("/nonexistent/plan.xml") }
        assertEquals("io", io.code)
        assertTrue(io.detail.startsWith("cannot read /nonexistent/plan.xml: "), io.detail)

        val unknown = assertFailsWith<JinduException.File> { readBytes("just notes".toByteArray(), ReadOptions(fileName = "notes.txt")) }
        assertEquals("unknown_format", unknown.code)
        val format = assertFailsWith<JinduException.Input> { readBytes(ByteArray(0), ReadOptions(format = "yaml")) }
        assertEquals("parse", format.code)
    }

    @Test
    fun aFileOverALimitIsRefusedAndAHostMayRaiseIt() {
        val csv = tasksCsv.readBytes()
        // examples/tasks.csv has 9 tasks.
        val e = assertFailsWith<JinduException.Input> { readBytes(csv, ReadOptions(limits = Limits(maxTasks = 8uL))) }
        assertEquals(listOf("limit", "limit exceeded: tasks (9 > 8)"), listOf(e.code, e.detail))
        val imp = readBytes(csv, ReadOptions(limits = Limits(maxTasks = 9uL)))
        assertEquals(9, (Json.parse(imp.document)["tasks"] as List<*>).size)
        // 9 tasks × 100 iterations = 900 samples.
        val r = assertFailsWith<JinduException.Input> {
            riskJson(imp.document, RiskOptions(iterations = 100uL, limits = Limits(maxRiskSamples = 899uL)))
        }
        assertEquals("limit exceeded: Monte Carlo iterations × tasks (900 > 899)", r.detail)
    }

    @Test
    fun aLargeReadReportsProgressAndCanBeCancelled() {
        val csv = ("id,duration\n" + (1..20_000).joinToString("") { "$it,1d\n" }).toByteArray()
        val seen = mutableListOf<Pair<ULong, ULong>>()
        val imp = readBytesWithProgress(csv, object : ProgressListener {
            override fun progress(done: ULong, total: ULong): Boolean { seen.add(done to total); return true }
        })
        assertEquals(readBytes(csv), imp)
        val size = csv.size.toULong()
        assertEquals(0uL to size, seen.first())
        assertEquals(size to size, seen.last())
        assertTrue(seen.size > 2 && seen.zipWithNext().all { (a, b) -> a.first <= b.first })
        // Returning false cancels: nothing half-read comes back.
        val e = assertFailsWith<JinduException.Other> {
            readBytesWithProgress(csv, object : ProgressListener {
                override fun progress(done: ULong, total: ULong) = done == 0uL
            })
        }
        assertEquals("cancelled", e.code)
    }
}

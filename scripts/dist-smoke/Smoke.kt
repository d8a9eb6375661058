// The jar as a user sees it: on a kotlinc classpath with JNA and nothing else
// (scripts/dist-smoke.sh); the native library comes out of the jar.
// plan.json: a (3d) then b (2d) from Monday 2026-01-05 08:00; a ends Wednesday 01-07 17:00, b
// runs Thursday and Friday, so the project finishes Friday 2026-01-09 17:00.
import java.io.File
import jindu.scheduleJson

fun main(args: Array<String>) {
    val schedule = scheduleJson(File(args[0]).readText())
    val finish = Regex("\"project_finish\": *\"([^\"]*)\"").find(schedule)?.groupValues?.get(1)
    check(finish == "2026-01-09T17:00:00") { "project_finish $finish" }
    println("jar: ok")
}

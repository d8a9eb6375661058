// Hand-written, compiled into the jar with the code uniffi generates (bindings/ffi/kotlin/test.sh).
//
// uniffi declares `code`, `taskId`, `field` and `detail` on each `JinduException` subclass, not
// on the sealed base; these properties make them readable on the base, so that one
// `catch (e: JinduException)` reads `e.code` without a `when` over the seven kinds. Each
// subclass's own property (the same value) still wins where the type is known.
// `e.message` is the sentence (`detail`) on every subclass (the generator rewrites uniffi's
// field dump; bindings/ffi/src/bin/uniffi-bindgen.rs).
@file:JvmName("Errors")

package jindu

/** The stable error code, the same in every binding: `"cycle"`, `"unknown_task"`, `"json"`, … */
val JinduException.code: String
    get() = when (this) {
        is JinduException.Input -> code
        is JinduException.Invalid -> code
        is JinduException.NotFound -> code
        is JinduException.Cycle -> code
        is JinduException.Other -> code
        is JinduException.File -> code
        is JinduException.Internal -> code
    }

/** The key of the task the error is about, if any. */
val JinduException.taskId: String?
    get() = when (this) {
        is JinduException.Input -> taskId
        is JinduException.Invalid -> taskId
        is JinduException.NotFound -> taskId
        is JinduException.Cycle -> taskId
        is JinduException.Other -> taskId
        is JinduException.File -> taskId
        is JinduException.Internal -> taskId
    }

/** The field the error is about, as named in the JSON format (a CSV cell's header), if any. */
val JinduException.field: String?
    get() = when (this) {
        is JinduException.Input -> field
        is JinduException.Invalid -> field
        is JinduException.NotFound -> field
        is JinduException.Cycle -> field
        is JinduException.Other -> field
        is JinduException.File -> field
        is JinduException.Internal -> field
    }

/** What is wrong, as the core words it: the same text as `message`. */
val JinduException.detail: String
    get() = when (this) {
        is JinduException.Input -> detail
        is JinduException.Invalid -> detail
        is JinduException.NotFound -> detail
        is JinduException.Cycle -> detail
        is JinduException.Other -> detail
        is JinduException.File -> detail
        is JinduException.Internal -> detail
    }

/**
 * The JSON path of the offending value in the document read (`tasks[1].duraton`,
 * `calendars[0].exceptions[2].date`), when the error is about one.
 */
val JinduException.path: String?
    get() = when (this) {
        is JinduException.Input -> path
        is JinduException.Invalid -> path
        else -> null
    }

/** The 1-based line of the offending text (JSON text that does not read, or a file), if known. */
val JinduException.line: UInt?
    get() = when (this) {
        is JinduException.Input -> line
        is JinduException.File -> line
        else -> null
    }

/** The 1-based column, with [line]. */
val JinduException.column: UInt?
    get() = when (this) {
        is JinduException.Input -> column
        is JinduException.File -> column
        else -> null
    }

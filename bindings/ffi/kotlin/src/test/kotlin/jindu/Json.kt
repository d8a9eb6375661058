package jindu

/**
 * A minimal JSON reader and the canonical writer the conformance runners compare in (sorted
 * keys, no whitespace, strings escaped as serde_json escapes them), so that the tests need
 * nothing beyond JUnit and the Kotlin standard library.
 *
 * Values are `null`, [Boolean], [Num] (the number's text as written, since jindu writes every
 * number itself), [String], [List] and [Map] (in document order).
 */
object Json {
    /** A JSON number, kept as its text. */
    data class Num(val text: String) {
        fun toLong(): Long = text.toLong()
    }

    fun parse(text: String): Any? {
        val p = Parser(text)
        p.ws()
        val v = p.value()
        p.ws()
        require(p.i == text.length) { "trailing text at ${p.i}" }
        return v
    }

    fun canonical(v: Any?): String = StringBuilder().also { write(v, it) }.toString()

    private fun write(v: Any?, out: StringBuilder) {
        when (v) {
            null -> out.append("null")
            is Boolean -> out.append(v.toString())
            is Num -> out.append(v.text)
            is Number -> out.append(v.toString())
            is String -> string(v, out)
            is List<*> -> {
                out.append('[')
                v.forEachIndexed { k, x -> if (k > 0) out.append(','); write(x, out) }
                out.append(']')
            }
            is Map<*, *> -> {
                out.append('{')
                v.keys.map { it as String }.sorted().forEachIndexed { k, key ->
                    if (k > 0) out.append(',')
                    string(key, out)
                    out.append(':')
                    write(v[key], out)
                }
                out.append('}')
            }
            else -> error("not a JSON value: $v")
        }
    }

    private fun string(s: String, out: StringBuilder) {
        out.append('"')
        for (c in s) {
            when {
                c == '"' -> out.append("\\\"")
                c == '\\' -> out.append("\\\\")
                c == '\n' -> out.append("\\n")
                c == '\r' -> out.append("\\r")
                c == '\t' -> out.append("\\t")
                c == '\b' -> out.append("\\b")
                c == '\u000c' -> out.append("\\f")
                c < ' ' -> out.append("\\u%04x".format(c.code))
                else -> out.append(c)
            }
        }
        out.append('"')
    }

    private class Parser(val s: String) {
        var i = 0

        fun ws() {
            while (i < s.length && s[i] in " \t\r\n") i++
        }

        fun value(): Any? = when (val c = s[i]) {
            '{' -> obj()
            '[' -> arr()
            '"' -> str()
            't' -> literal("true", true)
            'f' -> literal("false", false)
            'n' -> literal("null", null)
            else -> if (c == '-' || c.isDigit()) num() else error("unexpected '$c' at $i")
        }

        fun literal(word: String, v: Any?): Any? {
            require(s.startsWith(word, i)) { "bad literal at $i" }
            i += word.length
            return v
        }

        fun num(): Num {
            val start = i
            while (i < s.length && (s[i].isDigit() || s[i] in "+-.eE")) i++
            return Num(s.substring(start, i))
        }

        fun str(): String {
            val out = StringBuilder()
            i++
            while (true) {
                val c = s[i++]
                when (c) {
                    '"' -> return out.toString()
                    '\\' -> when (val e = s[i++]) {
                        'n' -> out.append('\n')
                        'r' -> out.append('\r')
                        't' -> out.append('\t')
                        'b' -> out.append('\b')
                        'f' -> out.append('\u000c')
                        'u' -> { out.append(s.substring(i, i + 4).toInt(16).toChar()); i += 4 }
                        else -> out.append(e)
                    }
                    else -> out.append(c)
                }
            }
        }

        fun arr(): List<Any?> {
            val out = ArrayList<Any?>()
            i++
            ws()
            if (s[i] == ']') { i++; return out }
            while (true) {
                ws(); out.add(value()); ws()
                if (s[i++] == ']') return out
            }
        }

        fun obj(): Map<String, Any?> {
            val out = LinkedHashMap<String, Any?>()
            i++
            ws()
            if (s[i] == '}') { i++; return out }
            while (true) {
                ws()
                val k = str()
                ws(); require(s[i++] == ':') { "expected ':' at $i" }; ws()
                out[k] = value()
                ws()
                if (s[i++] == '}') return out
            }
        }
    }
}

/** `this[key]` of a JSON object. */
@Suppress("UNCHECKED_CAST")
operator fun Any?.get(key: String): Any? = (this as Map<String, Any?>)[key]

/** `this[index]` of a JSON array. */
operator fun Any?.get(index: Int): Any? = (this as List<*>)[index]

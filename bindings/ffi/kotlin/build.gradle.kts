// Gradle build of the Kotlin/JVM binding of jindu, for users and publishing.
//
// UNTESTED: the machines this project is developed and tested on cannot reach Maven Central,
// so Gradle has never run this file. The tested path is `make test-kotlin` (mk/ffi.mk and
// test.sh beside this file), which does the same steps with kotlinc, Debian's JNA and the
// JUnit 5 console launcher. Versions below match what that path uses or newer.
//
// What it does: builds the Rust library and uniffi's generator with cargo (release), generates
// the Kotlin sources (package `jindu`) into build/generated/uniffi, puts the native library into
// the jar at JNA's resource path (e.g. linux-x86-64/libjindu_ffi.so) and runs src/test/kotlin
// (which includes every conformance vector) with JUnit 5.

plugins {
    kotlin("jvm") version "2.4.20"
    `java-library`
}

group = "jindu"
version = "0.1.0"

repositories {
    mavenCentral()
}

dependencies {
    api("net.java.dev.jna:jna:5.17.0") // 5.13.0 tested with `make test-kotlin`
    testImplementation(kotlin("test"))
    testImplementation("org.junit.jupiter:junit-jupiter:5.11.4")
    testRuntimeOnly("org.junit.platform:junit-platform-launcher")
}

kotlin {
    jvmToolchain(17)
}

val repoRoot: File = rootDir.resolve("../../..").canonicalFile
val cargoProfile = "release"
val nativeDir: File = repoRoot.resolve("target/$cargoProfile")

// JNA's resource prefix and library file name for this machine.
val os: String = System.getProperty("os.name").lowercase()
val arch: String = when (val a = System.getProperty("os.arch")) {
    "amd64", "x86_64" -> "x86-64"
    else -> a
}
val jnaPrefix: String = when {
    os.startsWith("windows") -> "win32-$arch"
    os.startsWith("mac") -> "darwin-$arch"
    else -> "linux-$arch"
}
val libFile: String = when {
    os.startsWith("windows") -> "jindu_ffi.dll"
    os.startsWith("mac") -> "libjindu_ffi.dylib"
    else -> "libjindu_ffi.so"
}

val cargoBuild by tasks.registering(Exec::class) {
    description = "Builds libjindu_ffi and uniffi-bindgen with cargo."
    workingDir = repoRoot
    commandLine("cargo", "build", "--profile", cargoProfile, "-p", "jindu-ffi")
}

val generatedKotlin = layout.buildDirectory.dir("generated/uniffi")
val generateBindings by tasks.registering(Exec::class) {
    description = "Generates the Kotlin bindings from the built library (uniffi library mode)."
    dependsOn(cargoBuild)
    workingDir = repoRoot
    outputs.dir(generatedKotlin)
    commandLine(
        nativeDir.resolve("uniffi-bindgen").path, "generate",
        "--library", nativeDir.resolve(libFile).path,
        "--language", "kotlin", "--no-format",
        "--out-dir", generatedKotlin.get().asFile.path,
    )
}

val nativeResources = layout.buildDirectory.dir("generated/native")
val copyNative by tasks.registering(Copy::class) {
    description = "Puts the native library where JNA finds it in the jar."
    dependsOn(cargoBuild)
    from(nativeDir.resolve(libFile))
    into(nativeResources.map { it.dir(jnaPrefix) })
}

sourceSets {
    main {
        kotlin.srcDir(generatedKotlin)
        resources.srcDir(nativeResources)
    }
}

tasks.compileKotlin { dependsOn(generateBindings) }
tasks.processResources { dependsOn(copyNative) }

tasks.test {
    useJUnitPlatform()
    systemProperty("jindu.root", repoRoot.path)
}

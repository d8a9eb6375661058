// UNTESTED: see the note at the top of build.gradle.kts.
rootProject.name = "jindu"

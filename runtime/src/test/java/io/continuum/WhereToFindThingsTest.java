package io.continuum;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's "Where to find things" tables name only paths that exist. */
class WhereToFindThingsTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern PATH = Pattern.compile("`((?:runtime|connectors|rules|decision-tables|processes)/[^`]+)`");

    @Test
    void everyPathTheMapNamesExists() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("### Where to find things");
        assertThat(start).as("the README has its map").isNotNegative();
        String map = readme.substring(start, readme.indexOf("\n### ", start + 1));
        Matcher matcher = PATH.matcher(map);
        List<String> paths = matcher.results().map(result -> result.group(1)).toList();

        assertThat(paths).hasSizeGreaterThan(20);
        assertThat(paths).allSatisfy(path -> assertThat(ROOT.resolve(path)).as(path).exists());
    }
}

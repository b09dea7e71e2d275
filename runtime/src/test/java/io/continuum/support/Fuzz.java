package io.continuum.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generation of hostile input for the fuzz tests that run inside the application (@QuarkusTest, where
 * jqwik cannot inject): odd and broken text, JSON values of every type, mutations of a valid document. The
 * seed is printed; {@code -Dcontinuum.fuzz.seed=<n>} replays a failing run.
 */
public final class Fuzz {

    private static final List<String> NAUGHTY = List.of("", " ", "\t\r\n", "null", "NULL", "undefined", "true", "0", "-1",
            "1e309", "NaN", "[]", "{}", "\"", "'", "\\", "\\u0000", "\u0000", "a\u0000b", "<script>alert(1)</script>",
            "'; DROP TABLE message; --", "%s%s%n%x", "${jndi:ldap://127.0.0.1/a}", "#{7*7}", "../../../../etc/passwd",
            "\u202Eevil\u202C", "\u200B\u200C\u200D\uFEFF", "\uD83D\uDE00\uD83D\uDC4D", "\uD800", "\uDFFF", "\uFFFF\uFFFE",
            "Ω≈ç√∫˜µ≤≥÷", "田中さんにあげて下さい", "مرحبا", "𝕿𝖍𝖊 𝖖𝖚𝖎𝖈𝖐", "\u0007\u001B[31mred", "ZALGƠ̴̡͚̹̣͓̯͖̘̬̟̦",
            "=cmd|' /C calc'!A0", "+1 (555) 010-9999", "mailto:x@y", "a@b", "@", "not an email @ all", "\r\n\r\n");

    private final long seed;
    private final Random random;

    public Fuzz(String name) {
        this.seed = Long.getLong("continuum.fuzz.seed", 20261205L);
        this.random = new Random(seed);
        System.out.printf("[fuzz] %s with seed %d (replay: -Dcontinuum.fuzz.seed=%d)%n", name, seed, seed);
    }

    public long seed() {
        return seed;
    }

    public boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    public int between(int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    public <T> T oneOf(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** Odd text: naughty strings, random code points of any plane (lone surrogates, NUL, controls), long runs. */
    public String text() {
        return switch (random.nextInt(6)) {
            case 0, 1 -> oneOf(NAUGHTY);
            case 2 -> codePoints(between(1, 40));
            case 3 -> oneOf(NAUGHTY) + codePoints(between(0, 10)) + oneOf(NAUGHTY);
            case 4 -> "Refund please, order " + random.nextInt(100000) + " " + codePoints(between(0, 5));
            default -> codePoints(between(1, 3)).repeat(between(100, 25_000));
        };
    }

    private String codePoints(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(5);
            if (kind == 0) {
                text.append((char) random.nextInt(0x20));
            } else if (kind == 1) {
                text.append((char) (0xD800 + random.nextInt(0x800)));
            } else if (kind == 2) {
                text.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000));
            } else {
                text.append((char) random.nextInt(0xD800));
            }
        }
        return text.toString();
    }

    /** Any JSON value, nested up to {@code depth}. */
    public Object jsonValue(int depth) {
        int kind = random.nextInt(depth > 0 ? 8 : 6);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> oneOf(List.of(0, -1, Integer.MAX_VALUE, Long.MIN_VALUE, 1.5e300, -0.0, random.nextInt()));
            case 3, 4, 5 -> text();
            case 6 -> {
                List<Object> array = new ArrayList<>();
                for (int i = between(0, 3); i > 0; i--) {
                    array.add(jsonValue(depth - 1));
                }
                yield array;
            }
            default -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (int i = between(0, 3); i > 0; i--) {
                    object.put(chance(0.5) ? oneOf(List.of("email", "name", "phone", "text", "content", "fileName")) : text(),
                            jsonValue(depth - 1));
                }
                yield object;
            }
        };
    }

    /** Bytes that are mostly not what the endpoint expects: random, truncated JSON, invalid UTF-8. */
    public byte[] garbage() {
        return switch (random.nextInt(4)) {
            case 0 -> {
                byte[] bytes = new byte[between(0, 300)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 1 -> "{\"channel\":\"email\",\"externalId\":\"x\",\"from\":{\"email\":\"a@b.c\"},\"content\":\"hi"
                    .substring(0, between(0, 70)).getBytes(StandardCharsets.UTF_8);
            case 2 -> new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
            default -> ("[" + "[".repeat(between(1, 3000))).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** One to three random edits of a valid document: cuts, deletions, duplications, insertions. */
    public String mutate(String document) {
        String mutated = document;
        for (int edits = between(1, 3); edits > 0 && !mutated.isEmpty(); edits--) {
            int at = random.nextInt(mutated.length());
            int end = Math.min(mutated.length(), at + between(1, 200));
            mutated = switch (random.nextInt(5)) {
                case 0 -> mutated.substring(0, at);
                case 1 -> mutated.substring(0, at) + mutated.substring(end);
                case 2 -> mutated.substring(0, end) + mutated.substring(at, end) + mutated.substring(end);
                case 3 -> mutated.substring(0, at) + text() + mutated.substring(at);
                default -> mutated.substring(0, at) + oneOf(List.of("<", ">", "\"", "&", "]]>", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>",
                        "&e;", "}", "{", ";", "end", "rule", "then", "\u0000")) + mutated.substring(at);
            };
        }
        return mutated;
    }
}

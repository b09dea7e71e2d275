package io.continuum.channels.webchat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;

/** Web chat behaviour ({@code continuum.webchat.*}). */
@ConfigMapping(prefix = "continuum.webchat")
public interface WebChatConfig {

    /** A visitor who sent nothing (message or typing) for this long has left the chat: replies go by e-mail. */
    Duration idleTimeout();

    /** {@code HH:mm-HH:mm} in {@link #zone()}; {@code 24:00} ends at midnight. */
    String openingHours();

    Set<DayOfWeek> openDays();

    ZoneId zone();

    /**
     * The host site's identity-verification secret: a site that signs its signed-in user's id or
     * e-mail with it (HMAC-SHA256, hex), or a JWT (HS256; the secret then needs at least 32 bytes),
     * has that identity trusted; unset = every typed e-mail is a claim.
     */
    Optional<String> identitySecret();

    /** How far ahead a host site's identity token may expire (its {@code exp}, and {@code exp - iat}); longer-lived tokens are refused. */
    @WithDefault("PT1H")
    Duration identityTokenMaxLifetime();

    /** Whether people answer chats now; outside, the widget says replies come by e-mail. */
    default boolean isOpen(Instant now) {
        ZonedDateTime local = now.atZone(zone());
        if (!openDays().contains(local.getDayOfWeek())) {
            return false;
        }
        String[] range = openingHours().split("-");
        LocalTime from = LocalTime.parse(range[0].trim());
        String until = range[1].trim();
        LocalTime time = local.toLocalTime();
        return !time.isBefore(from) && ("24:00".equals(until) || time.isBefore(LocalTime.parse(until)));
    }
}

package io.continuum.channels.voice;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/** The phone line's settings ({@code continuum.voice.*}); Twilio's credentials are {@code continuum.twilio.*}. */
@ConfigMapping(prefix = "continuum.voice")
public interface VoiceConfig {

    /** The support team's time zone: the voice-menu's localHour and business hours are read in it. */
    @WithDefault("UTC")
    ZoneId timeZone();

    /** When business hours start on a business day (voice-menu input businessHours). */
    @WithDefault("09:00")
    LocalTime opens();

    /** When business hours end: before {@link #opens()} they run past midnight; equal to it, all day. */
    @WithDefault("17:00")
    LocalTime closes();

    @WithDefault("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY")
    Set<DayOfWeek> businessDays();

    /** The Twilio queue callers wait in for a person (TwiML Enqueue), answered by agents through Twilio. */
    @WithDefault("support")
    String queue();

    /** The longest voicemail recorded, in seconds. */
    @WithDefault("120")
    int voicemailMaxSeconds();

    /** The queue a callback task is handed off on (its name on the task and in the waiting queue). */
    @WithDefault("callbacks")
    String callbackQueue();
}

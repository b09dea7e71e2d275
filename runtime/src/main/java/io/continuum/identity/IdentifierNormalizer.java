package io.continuum.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.continuum.connectors.channel.Channels;
import io.continuum.connectors.channel.NormalizedMessage.Sender;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns what a channel knows about a sender into normalised identifiers. */
@ApplicationScoped
public class IdentifierNormalizer {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    /** E.164 digits without the '+': a country code that does not start with 0, at most 15 digits. */
    private static final Pattern CHANNEL_NUMBER = Pattern.compile("[1-9]\\d{6,14}");
    private static final Set<String> PHONE_CHANNELS = Set.of(Channels.WHATSAPP, Channels.SMS, Channels.VOICE);

    private final PhoneNumberUtil phoneNumbers = PhoneNumberUtil.getInstance();
    private final IdentityConfig config;

    IdentifierNormalizer(IdentityConfig config) {
        this.config = config;
    }

    public List<Identifier> identifiersOf(Sender sender, String channel) {
        List<Identifier> identifiers = new ArrayList<>();
        if (sender == null) {
            return identifiers;
        }
        email(sender.email()).ifPresent(identifiers::add);
        phone(sender.phone()).or(() -> channelAddress(sender.phone(), channel)).ifPresent(identifiers::add);
        if (notBlank(sender.socialId())) {
            identifiers.add(new Identifier(IdentifierKind.SOCIAL, channel, sender.socialId().trim()));
        }
        if (notBlank(sender.deviceId())) {
            identifiers.add(new Identifier(IdentifierKind.DEVICE, "", sender.deviceId().trim()));
        }
        return identifiers;
    }

    public Optional<Identifier> email(String raw) {
        if (!notBlank(raw)) {
            return Optional.empty();
        }
        String email = raw.trim().toLowerCase(Locale.ROOT);
        return EMAIL.matcher(email).matches() ? Optional.of(new Identifier(IdentifierKind.EMAIL, "", email)) : Optional.empty();
    }

    /** Phone number in E.164, or empty when it cannot be a valid number. */
    public Optional<Identifier> phone(String raw) {
        if (!notBlank(raw)) {
            return Optional.empty();
        }
        String candidate = raw.trim();
        // WhatsApp and Twilio send international numbers without '+': digits only means international
        if (candidate.matches("\\d{8,15}")) {
            candidate = "+" + candidate;
        }
        try {
            Phonenumber.PhoneNumber number = phoneNumbers.parse(candidate, config.defaultPhoneRegion());
            if (!phoneNumbers.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(new Identifier(IdentifierKind.PHONE, "",
                    phoneNumbers.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The number a phone channel itself authenticated the sender by (WhatsApp's wa_id, the caller of an SMS)
     * is who they are, even when the phone library's metadata does not know the number range (yet).
     */
    private static Optional<Identifier> channelAddress(String raw, String channel) {
        return PHONE_CHANNELS.contains(channel) ? channelNumber(raw) : Optional.empty();
    }

    /** A number as a phone channel sends it (digits, optionally after '+'), taken as E.164 without checking its range. */
    static Optional<Identifier> channelNumber(String raw) {
        if (!notBlank(raw)) {
            return Optional.empty();
        }
        String digits = raw.trim().startsWith("+") ? raw.trim().substring(1) : raw.trim();
        return CHANNEL_NUMBER.matcher(digits).matches()
                ? Optional.of(new Identifier(IdentifierKind.PHONE, "", "+" + digits)) : Optional.empty();
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}

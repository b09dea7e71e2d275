package io.continuum.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A JSON object that quotes or reads a customer's words (the AI's reading of a message, a hand-off brief, a
 * decision's inputs), stored as the sealed text of its JSON under their data key. Objects stored before
 * sealing (plain JSON) read as they are; once the customer is erased an object opens as empty.
 */
@ApplicationScoped
// looked up from entities (instance()), which ArC cannot see as injection points: keep it in the build
@Unremovable
public class SealedJson {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final PersonalData personalData;
    private final ObjectMapper objectMapper;

    SealedJson(PersonalData personalData, ObjectMapper objectMapper) {
        this.personalData = personalData;
        this.objectMapper = objectMapper;
    }

    /** For entities sealing and opening their columns, where nothing can be injected. */
    public static SealedJson instance() {
        return Arc.container().instance(SealedJson.class).get();
    }

    /** The object sealed under the customer's data key; {@link PersonalData#ERASED} once they are erased. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String seal(UUID customerId, Object value) {
        try {
            return personalData.sealUnlessErased(customerId, objectMapper.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not writable as JSON: " + value.getClass().getName(), e);
        }
    }

    /** The object of a stored value; empty when its customer was erased. */
    public Optional<Map<String, Object>> open(String stored) {
        String json = personalData.open(stored);
        if (PersonalData.ERASED.equals(json)) {
            return Optional.empty();
        }
        try {
            return Optional.of(objectMapper.readValue(json, OBJECT));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored JSON object does not read as one", e);
        }
    }
}

package io.continuum.decisions.engine;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Engine values (FEEL durations, BigDecimals, …) as plain JSON values for the decision log and the API. */
final class JsonValues {

    private JsonValues() {
    }

    static Object of(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof BigDecimal number) {
            return number.stripTrailingZeros().scale() <= 0 ? (Object) number.longValueExact() : number.doubleValue();
        }
        if (value instanceof Number) {
            return value;
        }
        if (value instanceof Duration || value instanceof Period || value instanceof TemporalAccessor) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), of(item)));
            return copy;
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(JsonValues::of).toList();
        }
        return value.toString();
    }

    static List<Object> list(Collection<?> items) {
        return items.stream().map(JsonValues::of).toList();
    }
}

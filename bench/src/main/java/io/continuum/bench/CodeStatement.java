package io.continuum.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement the platform's code runs (a constant of the runtime class that runs it), as JDBC runs it:
 * the JPA positional parameters {@code ?1}, {@code ?2} (one may occur more than once) become JDBC's {@code ?},
 * bound in the order they occur. The text is otherwise the code's own, so what is measured is what runs.
 */
final class CodeStatement {

    private static final Pattern POSITIONAL = Pattern.compile("\\?(\\d+)");

    private final String jdbcSql;
    private final int[] parameterOfPlaceholder;

    private CodeStatement(String jdbcSql, int[] parameterOfPlaceholder) {
        this.jdbcSql = jdbcSql;
        this.parameterOfPlaceholder = parameterOfPlaceholder;
    }

    static CodeStatement of(String jpaSql) {
        Matcher placeholder = POSITIONAL.matcher(jpaSql);
        List<Integer> order = new ArrayList<>();
        StringBuilder jdbc = new StringBuilder();
        while (placeholder.find()) {
            order.add(Integer.parseInt(placeholder.group(1)));
            placeholder.appendReplacement(jdbc, "?");
        }
        placeholder.appendTail(jdbc);
        return new CodeStatement(jdbc.toString(), order.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Prepared anew for each execution, as Hibernate does; the driver keeps the server-side statement per
     * connection after a few uses (prepareThreshold), as it does under the platform.
     */
    PreparedStatement prepare(Connection connection, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(jdbcSql);
        for (int i = 0; i < parameterOfPlaceholder.length; i++) {
            statement.setObject(i + 1, parameters[parameterOfPlaceholder[i] - 1]);
        }
        return statement;
    }
}

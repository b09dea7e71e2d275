package io.continuum.decisions.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.decisions.PolicyKind;
import jakarta.enterprise.context.ApplicationScoped;
import org.drools.ruleunits.api.DataStore;
import org.drools.ruleunits.api.RuleUnitData;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.io.Resource;
import org.kie.api.runtime.KieContainer;
import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.core.internal.utils.DMNRuntimeBuilder;
import org.kie.dmn.validation.DMNValidator;
import org.kie.dmn.validation.DMNValidatorFactory;
import org.kie.internal.io.ResourceFactory;
import org.xml.sax.SAXParseException;

import java.io.StringReader;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles policy sources at run time with the same Drools and DMN engines Kogito uses at
 * build time, and reports every problem with its position: a version that does not compile,
 * or whose decision tables have gaps, overlaps or hit-policy violations, never goes live;
 * nor does a DMN model that would run Java or call out ({@link DmnCodeGuard}).
 */
@ApplicationScoped
public class PolicyCompiler {

    private static final Pattern DRL_PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;?");
    private static final Pattern DRL_UNIT = Pattern.compile("(?m)^\\s*unit\\s+(\\w+)\\s*;?");
    /** Rule sessions a compiled rule unit creates up front; its pool grows when more threads evaluate at once. */
    private static final int SESSIONS_KEPT_WARM = 2;

    private final ObjectMapper objectMapper;
    private final DMNValidator dmnValidator = DMNValidatorFactory.newValidator();

    public PolicyCompiler(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /** Compiles and fully analyses a new source: what an upload goes through. */
    public CompilationResult compile(String name, PolicyKind kind, String source) {
        return kind == PolicyKind.DMN ? compileDmn(name, source, true) : compileDrl(name, source);
    }

    /**
     * Compiles a source that passed {@link #compile} when it was stored, skipping the decision-table
     * analysis (the slow part), for loading published versions.
     */
    public CompilationResult compileValidated(String name, PolicyKind kind, String source) {
        return kind == PolicyKind.DMN ? compileDmn(name, source, false) : compileDrl(name, source);
    }

    private CompilationResult compileDmn(String name, String source, boolean analyse) {
        // before anything compiles it: a model that would run Java is refused whoever uploads it
        List<ValidationMessage> messages = new ArrayList<>(DmnCodeGuard.check(source));
        if (!messages.isEmpty()) {
            return failed(messages);
        }
        if (analyse) {
            messages.addAll(analyse(source));
            if (messages.stream().anyMatch(ValidationMessage::isError)) {
                return failed(messages);
            }
        }
        Resource resource = ResourceFactory.newReaderResource(new StringReader(source), "UTF-8");

        resource.setSourcePath(name + ".dmn");
        var built = DMNRuntimeBuilder.fromDefaults().setRootClassLoader(getClass().getClassLoader())
                .buildConfiguration().fromResources(List.of(resource));
        if (built.isLeft()) {
            Exception problem = built.cata(left -> left, right -> null);
            messages.add(error(null, null, null, "The DMN could not be compiled: " + rootMessage(problem)));
            return failed(messages);
        }
        DMNRuntime runtime = built.getOrElse(null);
        Optional<DMNModel> model = runtime.getModels().stream().filter(m -> name.equals(m.getName())).findFirst();
        if (model.isEmpty()) {
            messages.add(error(null, null, "definitions", "The model must be named '" + name + "' (the policy name); found "
                    + runtime.getModels().stream().map(DMNModel::getName).toList()));
            return failed(messages);
        }
        if (model.get().hasErrors()) {
            model.get().getMessages(DMNMessage.Severity.ERROR).forEach(m -> messages.add(toValidationMessage(m)));
            return failed(messages);
        }
        return new CompilationResult(Optional.of(new DmnPolicy(runtime, model.get())), messages);
    }

    /** Schema, model, compilation and decision-table analysis (gaps, overlaps, hit-policy violations). */
    private List<ValidationMessage> analyse(String source) {
        try {
            return dmnValidator.validate(new StringReader(source), DMNValidator.Validation.VALIDATE_SCHEMA,
                            DMNValidator.Validation.VALIDATE_MODEL, DMNValidator.Validation.VALIDATE_COMPILATION,
                            DMNValidator.Validation.ANALYZE_DECISION_TABLE)
                    .stream().map(PolicyCompiler::toValidationMessage).toList();
        } catch (RuntimeException e) {
            return List.of(error(null, null, null, "The DMN could not be read: " + rootMessage(e)));
        }
    }

    private static ValidationMessage toValidationMessage(DMNMessage message) {
        ValidationMessage.Severity severity = message.getSeverity() == DMNMessage.Severity.ERROR
                ? ValidationMessage.Severity.ERROR : ValidationMessage.Severity.WARNING;
        Integer line = message.getLine() > 0 ? message.getLine() : null;
        Integer column = message.getColumn() > 0 ? message.getColumn() : null;
        if (line == null && message.getException() != null) {
            Throwable cause = message.getException();
            while (cause != null && !(cause instanceof SAXParseException)) {
                cause = cause.getCause();
            }
            if (cause instanceof SAXParseException parse) {
                line = parse.getLineNumber();
                column = parse.getColumnNumber();
            }
        }
        return new ValidationMessage(severity, line, column, message.getSourceId(), message.getText());
    }

    private CompilationResult compileDrl(String name, String source) {
        Matcher packageLine = DRL_PACKAGE.matcher(source);
        Matcher unitLine = DRL_UNIT.matcher(source);
        if (!packageLine.find() || !unitLine.find()) {
            return failed(List.of(error(1, 1, null, "A rule set needs a 'package' line and a 'unit' line naming its RuleUnitData class")));
        }
        String unitClassName = packageLine.group(1) + "." + unitLine.group(1);
        Class<?> unitClass;
        try {
            unitClass = Class.forName(unitClassName, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            return failed(List.of(error(lineOf(source, unitLine.start(1)), 1, null,
                    "No rule unit class " + unitClassName + " exists; the package and unit must name an existing RuleUnitData class")));
        }
        if (!RuleUnitData.class.isAssignableFrom(unitClass)) {
            return failed(List.of(error(lineOf(source, unitLine.start(1)), 1, null, unitClassName + " is not a RuleUnitData class")));
        }
        KieServices services = KieServices.Factory.get();
        ReleaseId releaseId = services.newReleaseId("io.continuum.policies", name, "1." + UUID.randomUUID().toString().replace("-", ""));
        KieFileSystem files = services.newKieFileSystem();
        files.generateAndWritePomXML(releaseId);
        files.write("src/main/resources/" + packageLine.group(1).replace('.', '/') + "/" + name + ".drl", source);
        KieBuilder builder = services.newKieBuilder(files).buildAll();
        List<ValidationMessage> messages = new ArrayList<>();
        for (Message message : builder.getResults().getMessages()) {
            ValidationMessage.Severity severity = message.getLevel() == Message.Level.ERROR
                    ? ValidationMessage.Severity.ERROR : ValidationMessage.Severity.WARNING;
            messages.add(new ValidationMessage(severity, message.getLine() > 0 ? message.getLine() : null,
                    message.getColumn() > 0 ? message.getColumn() : null, null, message.getText().trim()));
        }
        if (messages.stream().anyMatch(ValidationMessage::isError)) {
            services.getRepository().removeKieModule(releaseId);
            return failed(messages);
        }
        KieContainer container = services.newKieContainer(releaseId);
        KieBase kieBase = container.getKieBase();
        services.getRepository().removeKieModule(releaseId);
        return new CompilationResult(Optional.of(new DrlPolicy(kieBase, container.newKieSessionsPool(SESSIONS_KEPT_WARM),
                storesOf(unitClass), objectMapper)), messages);
    }

    private static Map<String, Class<?>> storesOf(Class<?> unitClass) {
        Map<String, Class<?>> stores = new LinkedHashMap<>();
        for (Field field : unitClass.getDeclaredFields()) {
            if (DataStore.class.isAssignableFrom(field.getType())
                    && field.getGenericType() instanceof ParameterizedType type
                    && type.getActualTypeArguments()[0] instanceof Class<?> element) {
                stores.put(field.getName(), element);
            }
        }
        return stores;
    }

    private static int lineOf(String source, int offset) {
        return (int) source.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }

    private static ValidationMessage error(Integer line, Integer column, String element, String message) {
        return new ValidationMessage(ValidationMessage.Severity.ERROR, line, column, element, message);
    }

    private static CompilationResult failed(List<ValidationMessage> messages) {
        return new CompilationResult(Optional.empty(), messages);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}

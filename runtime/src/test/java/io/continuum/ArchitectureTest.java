package io.continuum;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.Entity;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Pins the feature boundaries of ARCHITECTURE.md and the security rule that every API operation names its roles. */
class ArchitectureTest {

    private static JavaClasses continuum;

    @BeforeAll
    static void importClasses() {
        continuum = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.continuum");
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("io.continuum.(*)..").should().beFreeOfCycles().check(continuum);
    }

    @Test
    void connectorsDoNotDependOnTheRuntime() {
        noClasses().that().resideInAPackage("io.continuum.connectors..")
                .should().dependOnClassesThat(resideInAPackage("io.continuum..")
                        .and(resideOutsideOfPackage("io.continuum.connectors..")))
                .because("connectors are a library the runtime uses, never the other way round")
                .check(continuum);
    }

    /**
     * A feature's tables are its own: other features read an entity's fields when a feature's service
     * hands them one, but never query, persist or write it themselves (conversations change only
     * through the Conversation aggregate's methods, inside Conversations.change).
     */
    @Test
    void noFeatureQueriesOrWritesAnotherFeaturesEntities() {
        classes().that().resideInAPackage("io.continuum..")
                .should(notTouchOtherFeaturesEntities())
                .check(continuum);
    }

    private static final Pattern FEATURE = Pattern.compile("io\\.continuum\\.([a-z]+).*");
    /** Panache and JPA operations: queries, persistence and bulk updates. */
    private static final Pattern PERSISTENCE_OPERATION = Pattern.compile(
            "find.*|list.*|stream.*|count|delete.*|update|persist.*|getEntityManager|flush|isPersistent");
    private static final Set<String> SHARED = Set.of("platform", "problem", "connectors");

    private static ArchCondition<JavaClass> notTouchOtherFeaturesEntities() {
        return new ArchCondition<>("not query, persist or write the entities of another feature") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String feature = featureOf(origin);
                for (JavaAccess<?> access : origin.getAccessesFromSelf()) {
                    JavaClass target = access.getTargetOwner();
                    if (!target.isAnnotatedWith(Entity.class) || feature.equals(featureOf(target))) {
                        continue;
                    }
                    boolean writes = access instanceof JavaFieldAccess field
                            && field.getAccessType() == JavaFieldAccess.AccessType.SET;
                    boolean persistence = access.getTarget() instanceof AccessTarget.MethodCallTarget call
                            && PERSISTENCE_OPERATION.matcher(call.getName()).matches();
                    if (writes || persistence) {
                        events.add(SimpleConditionEvent.violated(origin, access.getDescription()));
                    }
                }
            }
        };
    }

    private static String featureOf(JavaClass javaClass) {
        Matcher matcher = FEATURE.matcher(javaClass.getPackageName());
        return matcher.matches() && !SHARED.contains(matcher.group(1)) ? matcher.group(1) : javaClass.getPackageName();
    }

    @Test
    void everyApiOperationDeclaresWhoMayCallIt() {
        methods().that().areAnnotatedWith(GET.class).or().areAnnotatedWith(POST.class)
                .or().areAnnotatedWith(PUT.class).or().areAnnotatedWith(PATCH.class).or().areAnnotatedWith(DELETE.class)
                .and().areDeclaredInClassesThat().areAnnotatedWith(Path.class)
                .and().areDeclaredInClassesThat().resideInAPackage("io.continuum..")
                .should(declareAllowedRoles())
                .allowEmptyShould(true)
                .check(continuum);
    }

    private static ArchCondition<JavaMethod> declareAllowedRoles() {
        return new ArchCondition<>("declare @RolesAllowed, @PermitAll or @Authenticated (on the method or its class)") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean declared = hasSecurityAnnotation(method) || method.getOwner().isAnnotatedWith(RolesAllowed.class)
                        || method.getOwner().isAnnotatedWith(PermitAll.class) || method.getOwner().isAnnotatedWith(Authenticated.class);
                String path = method.getOwner().getAnnotationOfType(Path.class).value();
                if (path.startsWith("/api/v1") && !declared) {
                    events.add(SimpleConditionEvent.violated(method, method.getFullName() + " declares no roles"));
                }
            }
        };
    }

    private static boolean hasSecurityAnnotation(JavaMethod method) {
        return method.isAnnotatedWith(RolesAllowed.class) || method.isAnnotatedWith(PermitAll.class)
                || method.isAnnotatedWith(Authenticated.class);
    }
}

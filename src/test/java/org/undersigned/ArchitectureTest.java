package org.undersigned;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Path;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.containAnyMethodsThat;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.conditions.ArchConditions.haveRawReturnType;
import static com.tngtech.archunit.lang.conditions.ArchConditions.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module rules of docs/architecture.md, checked on the compiled code: features depend
 * downwards only, without cycles; the letter knows nothing of what is built on it; common
 * knows no feature; resources hold no SQL and return no entity.
 */
@AnalyzeClasses(packages = "org.undersigned", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresDependDownwardsOnly = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("common").definedBy("org.undersigned.common..")
            .layer("letter").definedBy("org.undersigned.letter..")
            .layer("partner").definedBy("org.undersigned.partner..")
            .layer("webhook").definedBy("org.undersigned.webhook..")
            .layer("blocklist").definedBy("org.undersigned.blocklist..")
            .layer("ledger").definedBy("org.undersigned.ledger..")
            .layer("mail").definedBy("org.undersigned.mail..")
            .layer("signature").definedBy("org.undersigned.signature..")
            .layer("document").definedBy("org.undersigned.document..")
            .layer("delivery").definedBy("org.undersigned.delivery..")
            .layer("campaign").definedBy("org.undersigned.campaign..")
            .layer("page").definedBy("org.undersigned.page..")
            .layer("audit").definedBy("org.undersigned.audit..")
            .layer("organiser").definedBy("org.undersigned.organiser..")
            .whereLayer("organiser").mayOnlyBeAccessedByLayers("page", "campaign")
            .whereLayer("audit").mayOnlyBeAccessedByLayers("organiser")
            .whereLayer("page").mayNotBeAccessedByAnyLayer()
            .whereLayer("campaign").mayNotBeAccessedByAnyLayer()
            .whereLayer("delivery").mayOnlyBeAccessedByLayers("campaign", "page")
            .whereLayer("document").mayNotBeAccessedByAnyLayer()
            .whereLayer("signature").mayOnlyBeAccessedByLayers("document", "delivery", "campaign", "page", "audit")
            .whereLayer("ledger").mayOnlyBeAccessedByLayers("signature", "document", "delivery", "campaign")
            .whereLayer("mail").mayOnlyBeAccessedByLayers("signature", "delivery", "campaign", "organiser")
            .whereLayer("webhook").mayOnlyBeAccessedByLayers("partner", "ledger", "signature", "delivery", "campaign")
            .whereLayer("partner").mayOnlyBeAccessedByLayers("signature", "organiser")
            .whereLayer("blocklist").mayOnlyBeAccessedByLayers("signature")
            .whereLayer("letter").mayOnlyBeAccessedByLayers("partner", "webhook", "ledger", "signature", "document", "delivery", "campaign", "page",
                    "audit", "organiser");

    /** The pages read what the other modules publish and write only through their services: no SQL, no entity, no table. */
    @ArchTest
    static final ArchRule pagesHoldNoSqlNorEntity = noClasses().that().resideInAPackage("org.undersigned.page..")
            .should().dependOnClassesThat().areAnnotatedWith(jakarta.persistence.Entity.class)
            .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.EntityManager");

    @ArchTest
    static final ArchRule letterKnowsNothingBuiltOnIt = noClasses().that().resideInAPackage("org.undersigned.letter..")
            .should().dependOnClassesThat().resideInAnyPackage("org.undersigned.signature..", "org.undersigned.partner..",
                    "org.undersigned.document..", "org.undersigned.webhook..", "org.undersigned.campaign..", "org.undersigned.ledger..", "org.undersigned.mail..",
                    "org.undersigned.delivery..", "org.undersigned.page..", "org.undersigned.audit..", "org.undersigned.organiser..");

    @ArchTest
    static final ArchRule commonKnowsNoFeature = noClasses().that().resideInAPackage("org.undersigned.common..")
            .should().dependOnClassesThat().resideInAnyPackage("org.undersigned.letter..", "org.undersigned.signature..",
                    "org.undersigned.partner..", "org.undersigned.document..", "org.undersigned.webhook..", "org.undersigned.ledger..", "org.undersigned.mail..",
                    "org.undersigned.campaign..", "org.undersigned.delivery..", "org.undersigned.page..", "org.undersigned.audit..",
                    "org.undersigned.organiser..");

    /** Dependencies come through constructors, so that a class says what it needs and its fields stay final. */
    @ArchTest
    static final ArchRule noFieldInjection = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields()
            .should().beAnnotatedWith(jakarta.inject.Inject.class)
            .because("dependencies are injected through constructors");

    @ArchTest
    static final ArchRule noCyclesBetweenFeatures = slices().matching("org.undersigned.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule resourcesHoldNoSql = noClasses().that().areAnnotatedWith(Path.class)
            .should().dependOnClassesThat().areAssignableTo(EntityManager.class)
            .orShould().dependOnClassesThat().areAssignableTo(java.sql.Connection.class);

    @ArchTest
    static final ArchRule filtersHoldNoSql = noClasses()
            .that(containAnyMethodsThat(annotatedWith(ServerRequestFilter.class)))
            .or(containAnyMethodsThat(annotatedWith(ServerResponseFilter.class)))
            .should().dependOnClassesThat().areAssignableTo(EntityManager.class)
            .orShould().dependOnClassesThat().areAssignableTo(java.sql.Connection.class)
            .because("SQL lives in the feature's store classes, never in filters or resources");

    @ArchTest
    static final ArchRule resourcesBuildTheETags = noClasses().that().areNotAnnotatedWith(Path.class)
            .and().resideOutsideOfPackage("org.undersigned.common..")
            .should().dependOnClassesThat().areAssignableTo(jakarta.ws.rs.core.EntityTag.class)
            .because("services return versions (Tagged); resources make the ETags of them");

    @ArchTest
    static final ArchRule entitiesAreNeverServedAsJson = methods().that().areDeclaredInClassesThat().areAnnotatedWith(Path.class)
            .should(not(haveRawReturnType(assignableTo(PanacheEntityBase.class))));

    /**
     * No feature asks what kind of caller is calling: it asks the access policy how far the caller
     * holds a permission ({@code Access}), so that a new kind of caller or a role per letter is a row
     * of the permission table, not a branch in every service.
     */
    @ArchTest
    static final ArchRule noServiceAsksTheKindOfItsCaller = noClasses().that().resideOutsideOfPackage("org.undersigned.common..")
            .should().dependOnClassesThat().haveFullyQualifiedName("org.undersigned.common.security.Caller")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.undersigned.common.security.Role")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.annotation.security.RolesAllowed")
            .because("services ask Access.require(Permission…), and operations declare @Requires(Permission…)");

    private static final java.util.Set<String> CHANNELS = java.util.Set.of(
            "org.undersigned.ledger.Ledger.append",
            "org.undersigned.webhook.WebhookOutbox.publish",
            "org.undersigned.common.change.ChangeSignal.publish");

    /**
     * A change's side effects are written by the observers of its event, never at the write site: the
     * ledger, the webhook outbox and the change signal are called only from classes that observe a
     * domain event (or from inside their own package), so an audit log is one more observer.
     */
    @ArchTest
    static final ArchRule channelsAreWrittenByObservers = noClasses()
            .that(com.tngtech.archunit.base.DescribedPredicate.not(declareAnObserver()))
            .and().resideOutsideOfPackages("org.undersigned.ledger..", "org.undersigned.webhook..", "org.undersigned.common.change..")
            .should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe("a write to a change's channel",
                    call -> CHANNELS.contains(call.getTargetOwner().getName() + "." + call.getTarget().getName())))
            .because("write sites fire one event per change; the channels observe it");

    private static com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaClass> declareAnObserver() {
        return com.tngtech.archunit.base.DescribedPredicate.describe("declare an observer of an event", type -> type.getMethods().stream()
                .anyMatch(method -> method.getParameters().stream()
                        .anyMatch(parameter -> parameter.isAnnotatedWith(jakarta.enterprise.event.Observes.class))));
    }

    /**
     * An entity is its module's: another module gets a value (a record such as {@code LetterFacts}) from
     * the owner's public methods, never the row object, so no other module reads or writes its table.
     */
    @ArchTest
    static final ArchRule entitiesStayInTheirModule = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
            .that().areAssignableTo(PanacheEntityBase.class).and().areNotAssignableFrom(PanacheEntityBase.class)
            .should(new com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaClass>("be used only in their own module") {
                @Override
                public void check(com.tngtech.archunit.core.domain.JavaClass entity, com.tngtech.archunit.lang.ConditionEvents events) {
                    for (com.tngtech.archunit.core.domain.Dependency dependency : entity.getDirectDependenciesToSelf()) {
                        if (!module(dependency.getOriginClass().getPackageName()).equals(module(entity.getPackageName()))) {
                            events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                        }
                    }
                }
            });

    /**
     * The signature module's rooms: a core (the entity, its rules and factory, the writer, the counts,
     * the events and their channels, the emails' texts) that knows none of them, and the rooms for
     * signing, the public lists, the signer's self-service and moderation, each with its own resource.
     */
    @ArchTest
    static final ArchRule signatureCoreKnowsNoRoom = noClasses().that().resideInAPackage("org.undersigned.signature")
            .should().dependOnClassesThat().resideInAnyPackage("org.undersigned.signature.signing..", "org.undersigned.signature.lists..",
                    "org.undersigned.signature.signer..", "org.undersigned.signature.moderation..");

    @ArchTest
    static final ArchRule signatureRoomsHaveNoCycles = slices().matching("org.undersigned.signature.(*)..").should().beFreeOfCycles();

    /** Only signing asks another room (the signer's, for the reminder a repeat signing owes the address's owner). */
    @ArchTest
    static final ArchRule signatureRoomsStayApart = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
            .that().resideInAPackage("org.undersigned.signature.*..")
            .should(new com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaClass>("use no other room but signing the signer's") {
                @Override
                public void check(com.tngtech.archunit.core.domain.JavaClass type, com.tngtech.archunit.lang.ConditionEvents events) {
                    String room = room(type.getPackageName());
                    for (com.tngtech.archunit.core.domain.Dependency dependency : type.getDirectDependenciesFromSelf()) {
                        String other = room(dependency.getTargetClass().getPackageName());
                        if (other != null && !other.equals(room) && !(room.equals("signing") && other.equals("signer"))) {
                            events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                        }
                    }
                }
            });

    /** A class's module: the feature package under org.undersigned that holds it (its rooms included). */
    private static String module(String packageName) {
        String[] parts = packageName.split("\\.");
        return parts.length > 2 ? parts[2] : packageName;
    }

    private static String room(String packageName) {
        String prefix = "org.undersigned.signature.";
        return packageName.startsWith(prefix) ? packageName.substring(prefix.length()).split("\\.")[0] : null;
    }
}

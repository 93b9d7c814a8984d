package com.partnercenter.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.link.LinkType;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package graph of the application (top-level packages under {@code com.partnercenter}) has no cycle, and each
 * package uses exactly the packages the README's table "Package graph" allows it: a new dependency, a new package
 * or a dependency no longer used fails here until the table says so.
 */
class PackageGraphTest {

    private static final String ROOT = "com.partnercenter";
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z]+)`\\s*\\|[^|]*\\|([^|]*)\\|\\s*$");
    private static final Pattern NAME = Pattern.compile("`([a-z]+)`");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    /** The flows: each has a package of its own, and the shared machinery below them names none of them. */
    static final String[] FLOW_PACKAGES = {ROOT + ".signup..", ROOT + ".trial..", ROOT + ".offer..",
            ROOT + ".productkey..", ROOT + ".delegation.."};

    /** The shared acceptance code reaches a flow's accept-page behaviour only through {@code FlowAcceptance}. */
    @Test
    void acceptanceDependsOnNoFlow() {
        noClasses().that().resideInAPackage(ROOT + ".acceptance..")
                .should().dependOnClassesThat().resideInAnyPackage(FLOW_PACKAGES)
                .because("each flow's accept page is its FlowAcceptance, in the flow's own package")
                .check(classes);
    }

    /**
     * ... nor tells the flows apart by their link's type (no {@code if TRIAL_INVITATION}, no switch on it): the only
     * link type it names is its own confirmation link's.
     */
    @Test
    void acceptanceTellsNoFlowByItsLinkType() {
        noClasses().that().resideInAPackage(ROOT + ".acceptance..")
                .should().accessTargetWhere(DescribedPredicate.<JavaAccess<?>>describe(
                        "a link type other than EMAIL_CONFIRMATION (or its values, its ordinal for a switch)",
                        access -> access.getTargetOwner().isEquivalentTo(LinkType.class)
                                && !Set.of(LinkType.EMAIL_CONFIRMATION.name(), "name").contains(access.getName())))
                .check(classes);
    }

    @Test
    void eachPackageUsesExactlyThePackagesTheReadmeAllows() throws IOException {
        Map<String, Set<String>> allowed = readmeTable();
        Map<String, Set<String>> actual = actualGraph();
        List<String> problems = new ArrayList<>();
        for (String name : actual.keySet()) {
            if (!allowed.containsKey(name)) {
                problems.add("package " + name + " is not in the README's package graph");
            }
        }
        for (var entry : allowed.entrySet()) {
            String name = entry.getKey();
            Set<String> used = actual.getOrDefault(name, Set.of());
            if (!actual.containsKey(name)) {
                problems.add("package " + name + " of the README's package graph has no class");
            }
            for (String target : used) {
                if (!entry.getValue().contains(target)) {
                    problems.add(name + " uses " + target + " (" + example(name, target) + "), which the README does not "
                            + "allow");
                }
            }
            for (String target : entry.getValue()) {
                if (!used.contains(target)) {
                    problems.add(name + " may use " + target + " by the README but no longer does");
                }
            }
        }
        assertThat(problems).as("the package graph today:%n%s", render(actual)).isEmpty();
    }

    /** Package → the other top-level packages its classes depend on. */
    private static Map<String, Set<String>> actualGraph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (JavaClass type : classes) {
            topPackage(type).ifPresent(from -> {
                Set<String> targets = graph.computeIfAbsent(from, k -> new TreeSet<>());
                for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                    topPackage(dependency.getTargetClass()).filter(to -> !to.equals(from)).ifPresent(targets::add);
                }
            });
        }
        return graph;
    }

    private static String example(String from, String to) {
        for (JavaClass type : classes) {
            if (topPackage(type).filter(from::equals).isPresent()) {
                for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                    if (topPackage(dependency.getTargetClass()).filter(to::equals).isPresent()) {
                        return dependency.getDescription();
                    }
                }
            }
        }
        return "?";
    }

    /** The top-level package of a class below com.partnercenter (none for the application class itself). */
    private static Optional<String> topPackage(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith(ROOT + ".")) {
            return Optional.empty();
        }
        String rest = name.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }

    /** The rows of the README's table under "### Package graph": `package` | what it holds | `allowed`, `…`. */
    static Map<String, Set<String>> readmeTable() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int start = lines.indexOf("### Package graph");
        assertThat(start).as("README.md has a section \"### Package graph\"").isNotNegative();
        Map<String, Set<String>> table = new TreeMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                Set<String> targets = new TreeSet<>();
                NAME.matcher(row.group(2)).results().forEach(m -> targets.add(m.group(1)));
                assertThat(table.put(row.group(1), targets)).as("package %s listed once", row.group(1)).isNull();
            }
        }
        assertThat(table).as("rows of the README's package graph").isNotEmpty();
        return table;
    }

    private static String render(Map<String, Set<String>> graph) {
        StringBuilder text = new StringBuilder();
        graph.forEach((from, to) -> text.append(from).append(" -> ").append(String.join(", ", to)).append('\n'));
        return text.toString();
    }
}

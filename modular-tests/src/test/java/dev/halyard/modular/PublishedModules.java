// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.modular;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The project's POMs, read as files: which modules the root lists, which of them are published jars
 * (packaging jar, maven.deploy.skip not set), and what the BOM manages. Read from the files rather than
 * kept as a list here, so that a module added later is checked without changing the tests.
 */
final class PublishedModules {

    private PublishedModules() {
    }

    /** A published jar module: its artifactId and the Java module name its POM gives. */
    record Module(String artifactId, Optional<String> moduleName) {
    }

    static List<Module> jars() {
        Path root = root();
        List<Module> published = new ArrayList<>();
        for (Element module : children(child(parse(root.resolve("pom.xml")).getDocumentElement(), "modules"), "module")) {
            Element pom = parse(root.resolve(module.getTextContent().trim()).resolve("pom.xml")).getDocumentElement();
            Element properties = child(pom, "properties");
            boolean jar = text(pom, "packaging").orElse("jar").equals("jar");
            boolean skipped = text(properties, "maven.deploy.skip").orElse("false").equals("true");
            if (jar && !skipped) {
                published.add(new Module(text(pom, "artifactId").orElseThrow(), text(properties, "halyard.module.name")));
            }
        }
        return published;
    }

    /** The artifactIds the BOM manages, each with the version it gives. */
    static List<String[]> bomEntries() {
        Element bom = parse(root().resolve("bom").resolve("pom.xml")).getDocumentElement();
        List<String[]> entries = new ArrayList<>();
        for (Element dependency : children(child(child(bom, "dependencyManagement"), "dependencies"), "dependency")) {
            entries.add(new String[] {text(dependency, "groupId").orElseThrow(), text(dependency, "artifactId").orElseThrow(),
                    text(dependency, "version").orElseThrow()});
        }
        return entries;
    }

    static String version(String folder) {
        Element pom = parse(root().resolve(folder).resolve("pom.xml")).getDocumentElement();
        return text(pom, "version").or(() -> text(child(pom, "parent"), "version")).orElseThrow();
    }

    private static Path root() {
        return Path.of(System.getProperty("halyard.root")).normalize();
    }

    private static Document parse(Path pom) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("cannot read " + pom, e);
        }
    }

    private static Optional<String> text(Element parent, String name) {
        return Optional.ofNullable(child(parent, name)).map(element -> element.getTextContent().trim());
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }
}

package org.elasticsearch.node;

import newsroom.search.node.CommonAnalysisPlugin;
import newsroom.search.node.IcuAnalysisPlugin;
import newsroom.search.node.KuromojiAnalysisPlugin;
import newsroom.search.node.NoriAnalysisPlugin;
import newsroom.search.node.RootHandlerPlugin;
import newsroom.search.node.SmartcnAnalysisPlugin;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.MockPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A single Elasticsearch 8.19 node for development, tests and CI, built from the server jars that
 * Maven Central publishes.
 *
 * <p>It lives in {@code org.elasticsearch.node} only to reach the package-private
 * {@link NodeConstruction#prepareConstruction} and {@link NodeServiceProvider}: the official
 * bootstrap (entitlements, plugin bundles, the {@code elasticsearch} CLI) is not published, so
 * the node is put together here with the plugins given as classes.
 *
 * <p>Settings come from {@code -Dsearch.node.<key>=value} system properties or {@code key=value}
 * arguments (arguments win): {@code home} (required: a throwaway directory for data and logs),
 * {@code http.port} (9200), {@code transport.port} (9300), {@code cluster.name} (newsroom-dev),
 * {@code node.name} (search-node), {@code pidfile} (written with this JVM's pid, removed on exit).
 * Any other {@code key=value} argument is passed to the node as an Elasticsearch setting.
 *
 * <p>Alone it is a {@code discovery.type: single-node} node. Given {@code discovery.seed_hosts}
 * (comma-separated transport addresses of every node) and {@code cluster.initial_master_nodes}
 * (comma-separated names of every node), it is one node of a cluster that forms from them, as
 * {@code search-node.sh} starts with {@code SEARCH_NODE_COUNT=3}.
 */
public final class NewsroomSearchNode {

    /** The plugins an official 8.19 image with analysis-icu, -kuromoji, -nori and -smartcn has, as far as we provide them. */
    static final List<Class<? extends Plugin>> PLUGINS = List.of(
        Netty4Plugin.class,
        RootHandlerPlugin.class,
        CommonAnalysisPlugin.class,
        IcuAnalysisPlugin.class,
        KuromojiAnalysisPlugin.class,
        NoriAnalysisPlugin.class,
        SmartcnAnalysisPlugin.class
    );

    private NewsroomSearchNode() {}

    public static void main(String[] args) throws Exception {
        Settings.Builder extra = Settings.builder();
        Map<String, String> options = new HashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("search.node.")) {
                options.put(name.substring("search.node.".length()), System.getProperty(name));
            }
        }
        for (String arg : args) {
            String a = arg.startsWith("--") ? arg.substring(2) : arg;
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got [" + arg + "]");
            }
            String key = a.substring(0, eq);
            String value = a.substring(eq + 1);
            switch (key) {
                case "home", "http.port", "transport.port", "cluster.name", "node.name", "pidfile",
                    "discovery.seed_hosts", "cluster.initial_master_nodes" -> options.put(key, value);
                default -> extra.put(key, value);
            }
        }
        String homeOption = options.get("home");
        if (homeOption == null || homeOption.isBlank()) {
            throw new IllegalArgumentException("set home=<dir> (or -Dsearch.node.home): a throwaway directory for data and logs");
        }
        Path home = Path.of(homeOption).toAbsolutePath().normalize();
        Path config = home.resolve("config");
        Path data = home.resolve("data");
        Path logs = home.resolve("logs");
        for (Path dir : List.of(config, data, logs)) {
            Files.createDirectories(dir);
        }
        String nodeName = options.getOrDefault("node.name", "search-node");
        Path pidFile = options.containsKey("pidfile") ? Path.of(options.get("pidfile")).toAbsolutePath() : null;
        if (pidFile != null) {
            Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
        }

        Settings.Builder discovery = Settings.builder();
        List<String> seedHosts = commaList(options.get("discovery.seed_hosts"));
        if (seedHosts.isEmpty()) {
            discovery.put("discovery.type", "single-node");
        } else {
            List<String> masters = commaList(options.get("cluster.initial_master_nodes"));
            if (masters.isEmpty()) {
                throw new IllegalArgumentException("discovery.seed_hosts needs cluster.initial_master_nodes (the names of every node)");
            }
            discovery.putList("discovery.seed_hosts", seedHosts).putList("cluster.initial_master_nodes", masters);
        }

        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", data.toString())
            .put("path.logs", logs.toString())
            .put("cluster.name", options.getOrDefault("cluster.name", "newsroom-dev"))
            .put("node.name", nodeName)
            .put(discovery.build())
            .put("network.host", "127.0.0.1")
            .put("http.port", options.getOrDefault("http.port", "9200"))
            .put("transport.port", options.getOrDefault("transport.port", "9300"))
            // A development disk that is 90 % full must not turn the indices read-only or leave shards unassigned.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            // Tests clean up their indices with wildcards ("test-abc-*"), which 8.x refuses by default.
            .put("action.destructive_requires_name", false)
            .put(extra.build())
            .build();

        // Logging first, as the real bootstrap does: without it node construction fails on a null logger provider.
        LogConfigurator.registerErrorListener();
        try (InputStream log4j = NewsroomSearchNode.class.getResourceAsStream("/search-node-log4j2.properties")) {
            Files.copy(log4j, config.resolve("log4j2.properties"), StandardCopyOption.REPLACE_EXISTING);
        }
        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), config, () -> nodeName);
        LogConfigurator.setNodeName(nodeName);
        LogConfigurator.setClusterName(environment.settings().get("cluster.name"));
        LogConfigurator.configure(environment, true);
        NodeServiceProvider services = new NodeServiceProvider() {
            @Override
            PluginsService newPluginService(Environment env, PluginsLoader loader) {
                return new MockPluginsService(env.settings(), env, PLUGINS);
            }
        };
        Node node = new Node(NodeConstruction.prepareConstruction(environment, null, services, true));

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.prepareForClose();
                node.close();
                if (node.awaitClose(20, TimeUnit.SECONDS) == false) {
                    System.err.println("search node: not closed within 20s");
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                System.err.println("search node: error while closing: " + e);
            } finally {
                if (pidFile != null) {
                    try {
                        Files.deleteIfExists(pidFile);
                    } catch (IOException e) {
                        // the script cleans up
                    }
                }
                stopped.countDown();
            }
        }, "search-node-shutdown"));

        try {
            node.start();
        } catch (Exception e) {
            System.err.println("search node: failed to start: " + e);
            e.printStackTrace();
            // Run the shutdown hook, which closes what was started.
            System.exit(1);
        }
        System.out.println("search node [" + nodeName + "] started: http://127.0.0.1:" + settings.get("http.port"));
        stopped.await();
    }

    private static List<String> commaList(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(v -> v.isEmpty() == false).toList();
    }
}

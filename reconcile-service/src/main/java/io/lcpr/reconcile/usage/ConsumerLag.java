package io.lcpr.reconcile.usage;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.lcpr.events.Topics;
import io.lcpr.reconcile.ReconcileConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * How far reconcile-service's consumer group is behind the end of llm.traces.v1 and llm.outcomes.v1, summed over
 * partitions: read from the broker as an operator would (committed offsets against end offsets), published as the
 * gauge {@code reconcile_consumer_lag{topic}} and in {@code /api/usage}. Each replica reports the group's lag.
 */
@ApplicationScoped
public class ConsumerLag {
    private static final Logger LOG = Logger.getLogger(ConsumerLag.class);
    private static final List<String> TOPICS = List.of(Topics.TRACES, Topics.OUTCOMES);

    private final Map<String, AtomicLong> lag = new ConcurrentHashMap<>();
    private final String bootstrap;
    private final ReconcileConfig config;
    private Admin admin;

    public ConsumerLag(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, ReconcileConfig config,
            MeterRegistry registry) {
        this.bootstrap = bootstrap;
        this.config = config;
        for (String topic : TOPICS) {
            AtomicLong value = lag.computeIfAbsent(topic, t -> new AtomicLong(-1));
            Gauge.builder("reconcile.consumer.lag", value, AtomicLong::get).tag("topic", topic)
                    .description("messages not yet consumed by reconcile-service's group (-1: not read yet)")
                    .register(registry);
        }
    }

    /** Lag per topic; -1 until it has been read once. */
    public Map<String, Long> current() {
        Map<String, Long> out = new TreeMap<>();
        lag.forEach((topic, value) -> out.put(topic, value.get()));
        return out;
    }

    @Scheduled(every = "${reconcile.consumer-lag.poll-interval.ms:5000}ms",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(config.consumerGroup())
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> ends = admin().describeTopics(TOPICS).allTopicNames()
                    .get(5, TimeUnit.SECONDS).values().stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            Map<String, Long> sums = new TreeMap<>();
            admin().listOffsets(ends).all().get(5, TimeUnit.SECONDS).forEach((tp, end) -> {
                OffsetAndMetadata at = committed.get(tp);
                sums.merge(tp.topic(), end.offset() - (at == null ? 0 : at.offset()), Long::sum);
            });
            sums.forEach((topic, value) -> lag.get(topic).set(value));
        } catch (Exception e) {
            LOG.debugf("consumer lag not read this time: %s", e.getMessage());
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of("bootstrap.servers", bootstrap, "client.id", "reconcile-service-lag"));
        }
        return admin;
    }

    void close(@Observes ShutdownEvent event) {
        synchronized (this) {
            if (admin != null) {
                admin.close();
            }
        }
    }
}

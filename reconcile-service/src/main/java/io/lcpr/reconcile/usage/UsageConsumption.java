package io.lcpr.reconcile.usage;

import java.util.Map;
import java.util.TreeMap;

import org.jboss.logging.Logger;

import io.lcpr.events.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Pauses and resumes this instance's consumption of llm.traces.v1 and llm.outcomes.v1 (the channels are pausable in
 * application.properties). Paused, the channels stop asking for polls: the polls already handed over finish, the
 * connector's queue fills and its consumer stops fetching but keeps its partitions and its heartbeat, so nothing is
 * rebalanced, lost or applied twice; resumed, it goes on from the offsets it holds. For an operator who wants a backlog
 * to build (storage maintenance, a catch-up measured from a pre-filled topic: bench-reconcile). The state is this
 * instance's and lasts until it restarts: in a consumer group, pause every replica, or the paused one's partitions
 * wait while the others go on.
 */
@ApplicationScoped
public class UsageConsumption {
    private static final Logger LOG = Logger.getLogger(UsageConsumption.class);
    /** Channel name (application.properties) by the topic it reads. */
    private static final Map<String, String> CHANNELS = new TreeMap<>(
            Map.of(Topics.TRACES, "traces", Topics.OUTCOMES, "outcomes"));

    private final ChannelRegistry channels;

    public UsageConsumption(ChannelRegistry channels, MeterRegistry registry) {
        this.channels = channels;
        Gauge.builder("reconcile.consumption.paused", this, c -> c.paused() ? 1 : 0)
                .description("1 while consumption of traces and outcomes is paused on this instance (PUT"
                        + " /api/usage/consumption)")
                .register(registry);
    }

    /** Pauses or resumes both channels; returns the state after. */
    public State set(boolean paused) {
        for (String topic : CHANNELS.keySet()) {
            PausableChannel channel = channel(topic);
            if (paused) {
                channel.pause();
            } else {
                channel.resume();
            }
        }
        LOG.infof("consumption of %s %s on this instance", CHANNELS.keySet(), paused ? "paused" : "resumed");
        return state();
    }

    /** Whether each topic's channel is paused. */
    public State state() {
        Map<String, Boolean> byTopic = new TreeMap<>();
        CHANNELS.keySet().forEach(topic -> byTopic.put(topic, channel(topic).isPaused()));
        return new State(byTopic.containsValue(true), byTopic);
    }

    /** For the gauge, which is read from start-up on, before the channels are registered. */
    private boolean paused() {
        return CHANNELS.values().stream().map(channels::getPausable)
                .anyMatch(c -> c != null && c.isPaused());
    }

    private PausableChannel channel(String topic) {
        PausableChannel channel = channels.getPausable(CHANNELS.get(topic));
        if (channel == null) {
            throw new IllegalStateException("channel " + CHANNELS.get(topic) + " (" + topic + ") is not pausable:"
                    + " mp.messaging.incoming." + CHANNELS.get(topic) + ".pausable=true is missing");
        }
        return channel;
    }

    /** {@code paused} when any of the channels is; each topic's channel by name. */
    public record State(boolean paused, Map<String, Boolean> topics) {
    }
}

package io.parley.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Parley's own settings, under the {@code parley.} prefix (environment: {@code PARLEY_…}). */
@ConfigMapping(prefix = "parley")
public interface ParleyConfig {

    /** Rooms. */
    Rooms rooms();

    /** Messages. */
    Messages messages();

    /** Live delivery. */
    Realtime realtime();

    /** Who may create rooms. */
    enum RoomCreators {
        /** Every signed-in user. */
        ANYONE,
        /** Only users with the global {@code admin} role. */
        ADMINS
    }

    /** Room settings. */
    interface Rooms {

        /** Who may create rooms. */
        @WithDefault("ANYONE")
        RoomCreators creators();

        /** Whether signed-in non-members may read the messages of public rooms. */
        @WithDefault("false")
        boolean publicPreview();

        /** The most rooms or members one page of a connection may hold. */
        @WithDefault("100")
        int pageMax();
    }

    /** Message settings. */
    interface Messages {

        /** The longest body, in Unicode code points. */
        @WithDefault("4000")
        int maxLength();

        /** The most messages one page may hold. */
        @WithDefault("100")
        int pageMax();

        /** How many messages a page holds when the client does not say. */
        @WithDefault("50")
        int pageDefault();
    }

    /** Live delivery settings. */
    interface Realtime {

        /** How often an instance checks its subscribed rooms for events no notification announced. */
        @WithDefault("2S")
        Duration sweepInterval();

        /** How many events may wait in one subscription's stream before its client is cut off to resume. */
        @WithDefault("1000")
        int maxPending();

        /** How many bytes may queue for a client that stopped reading before it is cut off to resume. */
        @WithDefault("1M")
        MemorySize maxBacklog();

        /**
         * Whether a live event's selection is executed once per distinct subscription shape and
         * shared by its subscribers, rather than once per subscriber. SmallRye GraphQL reads this
         * key itself (SharedEventExecutionInstaller) and takes an absent key as false, so the
         * default here is false too; application.properties turns it on.
         */
        @WithDefault("false")
        boolean sharedExecution();
    }
}

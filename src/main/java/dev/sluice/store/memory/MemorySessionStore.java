package dev.sluice.store.memory;

import dev.sluice.session.Session;
import dev.sluice.session.SessionStore;
import dev.sluice.session.Turn;
import dev.sluice.session.UnknownSessionException;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/** Sessions on this replica's heap; each change is one atomic {@code compute} on the session's entry. */
@DefaultBean
@ApplicationScoped
public class MemorySessionStore implements SessionStore {

    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    public MemorySessionStore() {
        this(System::currentTimeMillis);
    }

    MemorySessionStore(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public Uni<Boolean> create(Session session) {
        long now = clock.getAsLong();
        boolean[] created = new boolean[1];
        sessions.compute(session.id(), (id, existing) -> {
            if (existing != null && !existing.expired(now)) {
                return existing;
            }
            created[0] = true;
            return session;
        });
        return Uni.createFrom().item(created[0]);
    }

    @Override
    public Uni<Optional<Session>> find(String id) {
        Session session = sessions.get(id);
        return Uni.createFrom().item(Optional.ofNullable(session).filter(s -> !s.expired(clock.getAsLong())));
    }

    @Override
    public Uni<Optional<Session>> appendTurns(String id, List<Turn> turns, int maxTurns) {
        return Uni.createFrom().item(Optional.ofNullable(update(id, session -> {
            List<Turn> history = new ArrayList<>(session.history());
            history.addAll(turns);
            int excess = history.size() - Math.max(0, maxTurns);
            return session.withHistory(excess > 0 ? history.subList(excess, history.size()) : history);
        })));
    }

    @Override
    public Uni<Boolean> touch(String id) {
        return Uni.createFrom().item(update(id, session -> session) != null);
    }

    @Override
    public Uni<Optional<String>> swapActiveStream(String id, String streamId, int maxStreams) {
        AtomicReference<String> previous = new AtomicReference<>();
        Session updated = update(id, session -> {
            previous.set(session.activeStream());
            List<String> streams = new ArrayList<>(session.streams());
            streams.add(streamId);
            int excess = streams.size() - Math.max(1, maxStreams);
            return session.withStreams(excess > 0 ? streams.subList(excess, streams.size()) : streams, streamId);
        });
        if (updated == null) {
            return Uni.createFrom().failure(new UnknownSessionException(id));
        }
        return Uni.createFrom().item(Optional.ofNullable(previous.get()));
    }

    @Override
    public Uni<Void> clearActiveStream(String id, String streamId) {
        update(id, session -> Objects.equals(session.activeStream(), streamId)
                ? session.withStreams(session.streams(), null) : session);
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Boolean> delete(String id) {
        Session removed = sessions.remove(id);
        return Uni.createFrom().item(removed != null && !removed.expired(clock.getAsLong()));
    }

    @Override
    public Uni<List<Session>> purgeExpired(long nowMillis) {
        List<Session> purged = new ArrayList<>();
        sessions.values().removeIf(session -> {
            if (session.expired(nowMillis)) {
                purged.add(session);
                return true;
            }
            return false;
        });
        return Uni.createFrom().item(purged);
    }

    @Override
    public Uni<Long> count() {
        long now = clock.getAsLong();
        return Uni.createFrom().item(sessions.values().stream().filter(s -> !s.expired(now)).count());
    }

    /** Applies {@code change} and refreshes the TTL; null when the session is absent or expired. */
    private Session update(String id, UnaryOperator<Session> change) {
        long now = clock.getAsLong();
        Session updated = sessions.computeIfPresent(id, (key, session) -> session.expired(now) ? session
                : change.apply(session).touched(now));
        return updated == null || updated.expired(now) ? null : updated;
    }
}

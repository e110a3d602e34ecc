package io.candor.query.admin;

import io.candor.query.deadletter.DeadLetterQueues;
import io.candor.query.deadletter.MongoDeadLetterQueue;
import io.candor.query.deadletter.StoredDeadLetter;
import io.candor.query.support.QueryNotFoundException;
import io.candor.query.support.ViewProcessingConfiguration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The views' dead letters: {@code GET /admin/dead-letters[?view=]} lists them, {@code POST
 * /admin/dead-letters/{view}/retry} handles each of the view's parked sequences again, in order, through Axon's
 * {@link SequencedDeadLetterProcessor}: letters that succeed leave the queue; at the first that fails again its
 * sequence stops, and it stays with its new cause and one more {@code attempts}.
 * <p>
 * The retry stops the view's processor in this process while it runs, then starts it again: a parked aggregate's
 * events and a batch of the processor can write the same per-candidate document, and must not both at once.
 */
@RestController
@RequestMapping("/admin/dead-letters")
class DeadLettersController {

    private final DeadLetterQueues queues;
    private final EventProcessingConfiguration processing;
    private final ViewProcessors processors;

    DeadLettersController(DeadLetterQueues queues, EventProcessingConfiguration processing, ViewProcessors processors) {
        this.queues = queues;
        this.processing = processing;
        this.processors = processors;
    }

    /** One parked event, as listed. */
    record Letter(String view, String sequenceIdentifier, String eventType, String eventIdentifier,
                  String aggregateIdentifier, Long aggregateSequence, Long globalPosition, Cause cause,
                  Instant enqueuedAt, Instant lastTouched, Map<String, ?> diagnostics) {
    }

    record Cause(String type, String message) {
    }

    record Letters(int count, List<Letter> deadLetters) {
    }

    /** What a retry did with the letters the view held when it began. */
    record RetryReport(String view, int retried, int succeeded, int stillDead) {
    }

    @GetMapping
    Letters list(@RequestParam(required = false) String view) {
        List<String> views = view == null ? ViewProcessingConfiguration.VIEWS : List.of(processors.known(view));
        List<Letter> letters = new ArrayList<>();
        for (String each : views) {
            queue(each).list().forEach(letter -> letters.add(asListed(letter)));
        }
        return new Letters(letters.size(), letters);
    }

    @PostMapping("/{view}/retry")
    RetryReport retry(@PathVariable String view) {
        MongoDeadLetterQueue queue = queue(processors.known(view));
        SequencedDeadLetterProcessor<EventMessage<?>> letterProcessor = processing.sequencedDeadLetterProcessor(view)
                .orElseThrow(() -> new QueryNotFoundException("View '" + view + "' has no dead-letter processor"));
        return processors.whileStopped(view, () -> {
            List<StoredDeadLetter> before = queue.list();
            Set<String> sequences = new LinkedHashSet<>();
            before.forEach(letter -> sequences.add(letter.sequenceIdentifier()));
            for (String sequence : sequences) {
                letterProcessor.process(first -> first instanceof StoredDeadLetter stored
                        && stored.sequenceIdentifier().equals(sequence));
            }
            Set<String> after = new LinkedHashSet<>();
            queue.list().forEach(letter -> after.add(letter.id()));
            int stillDead = (int) before.stream().filter(letter -> after.contains(letter.id())).count();
            return new RetryReport(view, before.size(), before.size() - stillDead, stillDead);
        });
    }

    private MongoDeadLetterQueue queue(String view) {
        return queues.of(view).orElseThrow(() -> new QueryNotFoundException("View '" + view + "' has no dead-letter queue"));
    }

    private static Letter asListed(StoredDeadLetter letter) {
        EventMessage<?> message = letter.message();
        DomainEventMessage<?> domain = message instanceof DomainEventMessage<?> d ? d : null;
        return new Letter(letter.view(), letter.sequenceIdentifier(), message.getPayloadType().getSimpleName(),
                message.getIdentifier(), domain == null ? null : domain.getAggregateIdentifier(),
                domain == null ? null : domain.getSequenceNumber(),
                letter.globalPosition().isPresent() ? letter.globalPosition().getAsLong() : null,
                letter.cause().map(cause -> new Cause(cause.type(), cause.message())).orElse(null),
                letter.enqueuedAt(), letter.lastTouched(), letter.diagnostics());
    }
}

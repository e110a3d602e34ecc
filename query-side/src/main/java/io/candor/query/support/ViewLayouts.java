package io.candor.query.support;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Objects;

/**
 * The layout each view's documents were built in, kept in {@value #COLLECTION}. When a release changes how a view
 * is stored, it raises the view's number in {@link #CURRENT}; at start, before the processors run, a view whose
 * stored number differs is reset and so rebuilt from the events, instead of serving documents of a layout its
 * queries no longer read. A store with no number at all was written before layouts were recorded: layout 1.
 */
public final class ViewLayouts {

    public static final String COLLECTION = "view_layouts";

    /**
     * The current layout of each view's processing group. 2: views written per batch, with per-candidate lists
     * of opportunities ({@code pipeline_by_candidate}) and of timeline entries ({@code timeline_by_candidate}).
     * Timeline 3: a candidate's entries in pages ({@code timeline_pages}) instead of one document each. Timeline 4:
     * each opportunity's company and role beside its position in the open page, not in {@code timeline_opportunities}.
     * Analytics 2: each candidate's document holds the firm figures of their opportunities ({@code figures}),
     * which the firm query reads instead of the facts.
     */
    public static final Map<String, Integer> CURRENT = Map.of("pipeline", 2, "contacts", 1, "lessons", 1, "timeline", 4,
            "analytics", 2);

    private static final Logger log = LoggerFactory.getLogger(ViewLayouts.class);

    private final MongoCollection<Document> layouts;

    public ViewLayouts(MongoDatabase candorDatabase) {
        this.layouts = Objects.requireNonNull(candorDatabase).getCollection(COLLECTION);
    }

    /** Resets the processor of every view built in another layout, then records the current layouts. */
    public void rebuildOutdated(Configuration axon) {
        CURRENT.forEach((view, layout) -> {
            int storedLayout = stored(view);
            if (storedLayout != layout) {
                axon.eventProcessingConfiguration().eventProcessor(view, TrackingEventProcessor.class)
                        .filter(TrackingEventProcessor::supportsReset)
                        .ifPresent(processor -> {
                            log.info("View {} was built in layout {}; rebuilding it from the events in layout {}",
                                    view, storedLayout, layout);
                            processor.resetTokens();
                        });
            }
            layouts.replaceOne(Filters.eq("_id", view), new Document("layout", layout), new ReplaceOptions().upsert(true));
        });
    }

    /** The layout recorded for {@code view}: 1 if none is. */
    public int stored(String view) {
        Document stored = layouts.find(Filters.eq("_id", view)).first();
        return stored == null ? 1 : stored.getInteger("layout", 1);
    }
}

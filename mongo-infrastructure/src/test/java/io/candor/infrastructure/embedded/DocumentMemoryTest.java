package io.candor.infrastructure.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.Page;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * H2 sizes the embedded server's page cache by what {@link BsonDocumentType} says a document takes: it must be
 * what the decoded documents really hold in the heap, or a cache of a few hundred megabytes holds gigabytes.
 */
class DocumentMemoryTest {

    /**
     * About what the copies of a document weighed together take: enough to drown the heap's noise, little enough for
     * a small machine's default heap.
     */
    private static final long WEIGHED_BYTES = 100_000_000L;

    @Test
    void estimatesWhatAnEventTakesInTheHeapOnceDecoded() {
        assertEstimateMatchesTheHeap(event(7));
    }

    @Test
    void estimatesWhatAViewOfManySmallFieldsTakesInTheHeapOnceDecoded() {
        assertEstimateMatchesTheHeap(contacts(40));
    }

    @Test
    void estimatesTextBeyondLatin1AtTwoBytesACharacter() {
        Document event = event(11);
        event.put("payload", ((String) event.get("payload")).replace("Company 71", "Spółka “Północ” — Łódź"));
        assertEstimateMatchesTheHeap(event);
    }

    @Test
    void countsAPageOfDocumentsOfVariedSizesAtTheirSumNotAtASampledAverage(@TempDir Path directory) {
        BsonDocumentType type = new BsonDocumentType();
        try (MVStore store = MVStore.open(directory.resolve("store.mv").toString())) {
            MVMap<Object, Document> map = store.openMap("view",
                    new MVMap.Builder<Object, Document>().valueType(type));
            long sum = 0;
            for (int i = 0; i < 2_000; i++) { // a few large documents among small ones, as a view's candidates are
                Document document = decoded(bson(i % 200 == 7 ? contacts(40)
                        : new Document("_id", "p" + i).append("sequence", (long) i)));
                map.put((long) i, document);
                sum += type.getMemory(document);
            }
            assertThat(leavesMemory(map.getRootPage())).isGreaterThanOrEqualTo(sum);
        }
    }

    private static long leavesMemory(Page<Object, Document> page) {
        if (page.isLeaf()) {
            return page.getMemory();
        }
        long memory = 0;
        for (int i = 0; i < page.getRawChildPageCount(); i++) {
            memory += leavesMemory(page.getChildPage(i));
        }
        return memory;
    }

    @Test
    void countsEachDocumentByItsOwnContentNotByWhatWasWrittenLast() {
        BsonDocumentType type = new BsonDocumentType();
        for (int i = 0; i < 1_000; i++) { // many small documents written: the old estimate learned from these
            type.write(new WriteBuffer(), new Document("_id", "p" + i).append("sequence", (long) i));
        }
        Document small = decoded(bson(new Document("_id", "p").append("sequence", 1L)));
        Document large = decoded(bson(contacts(40)));
        assertThat(type.getMemory(large)).isGreaterThan(100 * type.getMemory(small));
        assertThat(type.getMemory(large)).isGreaterThan(bson(contacts(40)).length);
    }

    /** Decodes many copies, as H2 does reading pages, and weighs them with the garbage collected. */
    private static void assertEstimateMatchesTheHeap(Document document) {
        byte[] bson = bson(document);
        int estimate = DocumentMemory.of(decoded(bson));
        int copies = (int) Math.max(200, WEIGHED_BYTES / estimate);
        List<Document> held = new ArrayList<>(copies); // its array is allocated before the heap is weighed
        long before = usedHeapAfterCollection();
        for (int i = 0; i < copies; i++) {
            held.add(decoded(bson));
        }
        long after = usedHeapAfterCollection();
        double measured = (double) (after - before) / held.size();
        System.out.printf("BSON %,d bytes; in the heap %,.0f measured, %,d estimated (%,d copies)%n", bson.length,
                measured, estimate, copies);
        assertThat(estimate).isBetween((int) (0.95 * measured), (int) (1.07 * measured));
    }

    private static long usedHeapAfterCollection() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** An event as the store keeps it: its payload and metadata as JSON text, the hash chain's fields. */
    private static Document event(long position) {
        String opportunity = UUID.nameUUIDFromBytes(("o" + position).getBytes()).toString();
        return new Document("_id", position)
                .append("stream", opportunity + ":0")
                .append("aggregateIdentifier", opportunity)
                .append("sequenceNumber", 0L)
                .append("type", "Opportunity")
                .append("eventIdentifier", UUID.nameUUIDFromBytes(("e" + position).getBytes()).toString())
                .append("timestamp", Instant.parse("2024-02-10T09:00:00Z"))
                .append("payloadType", "io.candor.events.opportunity.OpportunityEvent$InvitationReceived")
                .append("payloadRevision", "1")
                .append("payload", "{\"opportunityId\":\"" + opportunity + "\",\"candidateId\":\""
                        + UUID.nameUUIDFromBytes(("c" + position).getBytes()) + "\",\"company\":\"Company 71\","
                        + "\"role\":\"Engineer 8\",\"source\":\"RECRUITER\",\"channel\":\"EMAIL\","
                        + "\"receivedAt\":\"2024-02-10T09:00:00Z\",\"interest\":\"INTERESTED\",\"referrer\":"
                        + "{\"name\":\"Recruiter 17\",\"email\":\"recruiter17@agency.example\"},"
                        + "\"companySignals\":[],\"alternativeTo\":null}")
                .append("metaData", "{}")
                .append("previousHash", "")
                .append("hash", "3afcf2624ca64449a92b6b327edd1e5c87c1e05569bb4c80e3c25438178c663e")
                .append("appendFrom", 918L);
    }

    /** A candidate's contacts as the view keeps them: lists of small documents of short fields. */
    private static Document contacts(int people) {
        List<Object> contacts = new ArrayList<>();
        List<Object> applied = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            String opportunity = UUID.nameUUIDFromBytes(("o" + i).getBytes()).toString();
            applied.add(new Document("aggregateId", opportunity).append("sequence", 9));
            List<Object> interactions = new ArrayList<>();
            for (int j = 0; j < 3; j++) {
                interactions.add(new Document("opportunityId", opportunity).append("company", "Company " + i)
                        .append("kind", "INTERVIEWED").append("at", Instant.parse("2024-03-23T09:00:00Z"))
                        .append("note", null));
            }
            contacts.add(new Document("key", "person" + i + "@company.example").append("name", "Person " + i)
                    .append("email", "person" + i + "@company.example").append("title", "Engineer")
                    .append("roles", new ArrayList<>(List.of("INTERVIEWER")))
                    .append("companies", new ArrayList<>(List.of("Company " + i)))
                    .append("metAt", Instant.parse("2024-03-23T09:00:00Z"))
                    .append("where", new Document("company", "Company " + i).append("opportunityId", opportunity))
                    .append("interactions", interactions)
                    .append("followUpDue", i % 2 == 0));
        }
        return new Document("_id", UUID.nameUUIDFromBytes("candidate".getBytes()).toString())
                .append("applied", applied)
                .append("candidateId", "845f4bc5-5f86-44e6-923a-f4407ded1e34")
                .append("registered", true)
                .append("erased", false)
                .append("contacts", contacts);
    }

    private static byte[] bson(Document document) {
        ByteBuf buffer = Unpooled.buffer();
        BsonEncoder.encodeDocument(document, buffer);
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.readBytes(bytes);
        return bytes;
    }

    private static Document decoded(byte[] bson) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }
}

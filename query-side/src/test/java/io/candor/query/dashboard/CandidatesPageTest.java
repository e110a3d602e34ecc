package io.candor.query.dashboard;

import io.candor.events.CandidateId;
import io.candor.events.FirmId;
import io.candor.events.candidate.CandidateEvent.CandidateRegistered;
import io.candor.query.QuerySideSpringTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class CandidatesPageTest extends QuerySideSpringTest {

    /** Registered after every other test's candidates: the newest of the list. */
    private static final Instant LATER = Instant.parse("2099-01-01T09:00:00Z");

    @Test
    void theListShowsFiftyCandidatesAPage_newestFirst_withLinksToTheOthers_thatStayPutWhileCandidatesRegister() {
        String last = null;
        for (int i = 0; i < 52; i++) {
            last = append(new CandidateRegistered(CandidateId.generate(), FirmId.INDEPENDENT, name(i), null, true,
                    LATER.plus(Duration.ofMinutes(i))));
        }

        String first = get("/?waitFor=" + last).getBody();
        assertThat(first).contains(name(51), name(2)).doesNotContain(name(1), name(0));
        assertThat(first.indexOf(name(51))).isLessThan(first.indexOf(name(50)));
        assertThat(first).contains("rel=\"next\"", "hx-get=\"/\"").doesNotContain("rel=\"prev\"")
                .containsPattern("1–50 of \\d+");

        String older = link(first, "page-older");
        assertThat(older).startsWith("/?after=");
        String second = get(older).getBody();
        assertThat(second).contains(name(1), name(0)).doesNotContain(name(2));
        assertThat(second.indexOf(name(1))).isLessThan(second.indexOf(name(0)));
        assertThat(second).contains("rel=\"prev\"").containsPattern("51–\\d+ of \\d+");
        assertThat(link(second, "live")).as("it reloads itself where it is").isEqualTo(older);
        String newer = get(link(second, "page-newer")).getBody();
        assertThat(newer).contains(name(51), name(2)).doesNotContain(name(1));
        assertThat(link(newer, "live")).as("the first page, which reloads as the first").isEqualTo("/");

        String registeredSince = append(new CandidateRegistered(CandidateId.generate(), FirmId.INDEPENDENT, name(52),
                null, true, LATER.plus(Duration.ofMinutes(52))));
        assertThat(get("/?waitFor=" + registeredSince).getBody()).contains(name(52), name(3)).doesNotContain(name(2));
        assertThat(get(older).getBody()).as("the older page, as it was")
                .contains(name(1), name(0)).doesNotContain(name(2), name(52));
    }

    /** The address of the link (or of the live reload, {@code live}) with that id, as the browser would follow it. */
    private static String link(String html, String id) {
        Matcher link = Pattern.compile("id=\"" + id + "\"[^>]*?(?:href|hx-get)=\"([^\"]+)\"").matcher(html);
        assertThat(link.find()).as("a link " + id).isTrue();
        return URLDecoder.decode(link.group(1).replace("&amp;", "&"), StandardCharsets.UTF_8);
    }

    @Test
    void aPageThatIsNotANumber_showsTheFirst_andOnePastTheEnd_theLast() {
        String last = null;
        for (int i = 0; i < 51; i++) {
            last = append(new CandidateRegistered(CandidateId.generate(), FirmId.INDEPENDENT, "Other " + i, null, true,
                    LATER.minus(Duration.ofDays(1)).plus(Duration.ofMinutes(i))));
        }
        get("/?waitFor=" + last);

        ResponseEntity<String> notANumber = get("/?page=twelve");
        ResponseEntity<String> pastTheEnd = get("/?page=100000");

        assertThat(notANumber.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(notANumber.getBody()).contains("hx-get=\"/?page=1\"", "rel=\"next\"").doesNotContain("rel=\"prev\"");
        assertThat(pastTheEnd.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(pastTheEnd.getBody()).contains("rel=\"prev\"").doesNotContain("rel=\"next\"", "No candidate yet",
                "hx-get=\"/?page=100000\"");
        for (String notAPlace : new String[]{"/?after=twelve", "/?before=~", "/?after=yesterday~x"}) {
            ResponseEntity<String> first = get(notAPlace);
            assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(first.getBody()).as(notAPlace).contains("hx-get=\"/\"", "rel=\"next\"")
                    .doesNotContain("rel=\"prev\"");
        }
    }

    /** A candidate registered without a time is listed last, newest first as oldest first. */
    @Test
    void aCandidateWithoutARegistrationTime_isLastOnEitherOrder() {
        CandidateId undated = CandidateId.generate();
        String position = append(new CandidateRegistered(undated, FirmId.INDEPENDENT, "Undated", null, true, null));
        get("/?waitFor=" + position);

        String lastPage = get("/?page=100000").getBody();
        assertThat(lastPage).contains("Undated");
        assertThat(lastPage.substring(lastPage.indexOf("Undated"))).as("no candidate after it")
                .doesNotContain("id=\"candidate-");
        String oldestFirst = get("/api/candidates?offset=0").getBody(); // a part of the list, from the first
        assertThat(oldestFirst.indexOf(undated.value())).isGreaterThan(oldestFirst.lastIndexOf("registeredAt\":\""));
    }

    private static String name(int i) {
        return String.format("Paged candidate %03d", i);
    }
}

package io.candor.standalone.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.candor.standalone.CandorStandalone;
import io.candor.standalone.sample.CandorHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static io.candor.standalone.sample.CandorHttp.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Walks the dashboard in Debian's headless Chromium (no browser download): the story of issue 4, a narrow screen,
 * and labelled inputs. Screenshots land in target/screenshots.
 */
@SpringBootTest(classes = CandorStandalone.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"candor.embedded.enabled=true", "candor.embedded.in-memory=true"})
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static ChromeDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;

    private CandorHttp http;
    private WebDriverWait wait;
    /** The position of the last event this test wrote through the API; pages opened afterwards wait for it. */
    private String lastWrite;

    @BeforeAll
    static void startBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void connect() {
        http = new CandorHttp(URI.create(base()), json);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    @Test
    void aStory_invitationScheduleRefusedCancelThenProperCancel_showsOnTheBoardAndInTheContacts() {
        String candidate = register("Maya Brennan");

        open("/");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("candidate-" + candidate))).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Maya Brennan"));

        // A field left empty is explained beside its field.
        browser.findElement(By.cssSelector("#invite button[type=submit]")).click();
        WebElement companyError = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("invite-company-error")));
        assertThat(companyError.getText()).isNotBlank();
        assertThat(browser.findElement(By.id("invite-company")).getAttribute("aria-invalid")).isEqualTo("true");
        screenshot("01-invitation-field-errors");

        type("invite-company", "Fabrikam");
        type("invite-role", "Data Engineer");
        choose("invite-source", "REFERRAL");
        choose("invite-channel", "EMAIL");
        choose("invite-interest", "UNSURE");
        type("invite-referrer.name", "Dana Reyes");
        type("invite-referrer.email", "dana@example.org");
        browser.findElement(By.cssSelector("#invite button[type=submit]")).click();

        WebElement card = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//section[@id='column-INVITED']//li[contains(., 'Fabrikam')]")));
        assertThat(card.getText()).contains("Data Engineer");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "Invitation recorded."));
        screenshot("02-board-invited");

        card.findElement(By.tagName("a")).click();
        wait.until(ExpectedConditions.textToBe(By.id("stage"), "INVITED"));
        choose("schedule-channel", "EMAIL");
        browser.findElement(By.cssSelector("#schedule button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("stage"), "SCHEDULED"));

        // Cancelling by phone when everything so far went by email is refused, and the page says why.
        choose("cancel-reason", "ILLNESS");
        choose("cancel-channel", "PHONE");
        type("cancel-message", "I am ill and must cancel; thank you for your understanding.");
        browser.findElement(By.cssSelector("#cancel button[type=submit]")).click();
        WebElement problem = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#cancel .problem")));
        assertThat(problem.getText())
                .contains("Use the channel you have been using so far")
                .contains("same channel (email, phone, …) used so far")
                .contains("Advice from the articles")
                .contains("use the same communication method you've been using so far")
                .contains("SAME_CHANNEL");
        assertThat(browser.findElement(By.id("stage")).getText()).isEqualTo("SCHEDULED");
        screenshot("03-cancel-refused-same-channel");

        choose("cancel-channel", "EMAIL");
        browser.findElement(By.cssSelector("#cancel button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("stage"), "CANCELLED"));
        assertThat(browser.findElement(By.id("history")).getText()).contains("InterviewCancelled");
        screenshot("04-opportunity-cancelled");

        browser.findElement(By.linkText("Board")).click();
        WebElement cancelledCard = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//section[@id='column-CANCELLED']//li[contains(., 'Fabrikam')]")));
        assertThat(cancelledCard.getText()).contains("Data Engineer");
        assertThat(browser.findElement(By.id("column-INVITED")).getText()).doesNotContain("Fabrikam");
        screenshot("05-board-cancelled");

        browser.findElement(By.linkText("Contacts")).click();
        WebElement followUps = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("follow-ups")));
        wait.until(ExpectedConditions.textToBePresentInElement(followUps, "Tell referrer"));
        assertThat(followUps.getText()).contains("Dana Reyes").contains("Fabrikam");
        assertThat(browser.findElement(By.id("contacts")).getText()).contains("Dana Reyes").contains("REFERRER");
        screenshot("06-contacts-follow-up");
    }

    @Test
    void theBoard_refreshesWithoutReload_whenAnotherClientRecordsAnInvitation() {
        String candidate = register("Theo Lind");
        open("/candidates/" + candidate);
        ((JavascriptExecutor) browser).executeScript("window.__notReloaded = true;");

        command("/api/candidates/" + candidate + "/opportunities", body("company", "Woodgrove", "role", "Analyst",
                "source", "DIRECT", "channel", "PHONE", "interest", "INTERESTED"));

        new WebDriverWait(browser, Duration.ofSeconds(30))
                .withMessage(() -> "the board did not refresh; page state: " + ((JavascriptExecutor) browser).executeScript(
                        "return document.visibilityState + ', htmx ' + (typeof htmx) + ': '"
                                + " + document.getElementById('board').innerText"))
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.xpath("//section[@id='column-INVITED']//li[contains(., 'Woodgrove')]")));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__notReloaded === true;")).isEqualTo(true);
    }

    @Test
    void theBoard_fitsANarrowScreen_withoutHorizontalScrolling() {
        String candidate = register("Noor Haddad");
        String opportunity = command("/api/candidates/" + candidate + "/opportunities", body("company",
                "Contoso Pharmaceuticals International", "role", "Senior Platform Engineer", "source", "RECRUITER",
                "channel", "EMAIL", "interest", "INTERESTED")).path("id").asText();
        browser.manage().window().setSize(new Dimension(400, 900));

        open("/candidates/" + candidate);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("card-" + opportunity)));
        screenshot("07-narrow-board");
        assertThat(noHorizontalOverflow()).isTrue();

        open("/opportunities/" + opportunity);
        wait.until(ExpectedConditions.textToBe(By.id("stage"), "INVITED"));
        screenshot("08-narrow-opportunity");
        assertThat(noHorizontalOverflow()).isTrue();
    }

    @Test
    void everyInput_hasALabel_andTheBoardIsReachableByKeyboard() {
        String candidate = register("Ines Duarte");
        String opportunity = command("/api/candidates/" + candidate + "/opportunities", body("company", "Litware",
                "role", "Engineer", "source", "DIRECT", "channel", "EMAIL", "interest", "INTERESTED")).path("id").asText();
        command("/api/opportunities/" + opportunity + "/interviews",
                body("scheduledFor", "2099-01-01T09:00:00Z", "channel", "EMAIL"));

        for (String page : List.of("/candidates/" + candidate, "/opportunities/" + opportunity,
                "/candidates/" + candidate + "/timeline")) {
            open(page);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("live")));
            Object unlabelled = ((JavascriptExecutor) browser).executeScript(
                    "return Array.from(document.querySelectorAll('input, select, textarea'))"
                            + ".filter(e => e.type !== 'hidden' && e.labels.length === 0).map(e => e.name || e.id);");
            assertThat((List<?>) unlabelled).as("inputs without a label on " + page).isEmpty();
        }

        open("/candidates/" + candidate);
        WebElement card = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("card-" + opportunity)));
        WebElement focused = browser.switchTo().activeElement();
        for (int i = 0; i < 20 && !focused.equals(card); i++) {
            focused.sendKeys(Keys.TAB);
            focused = browser.switchTo().activeElement();
        }
        assertThat(focused.getAttribute("id")).isEqualTo("card-" + opportunity);
        focused.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.id("stage"), "SCHEDULED"));
    }

    private JsonNode command(String path, Object body) {
        JsonNode response = http.command(path, body);
        lastWrite = response.at("/position/aggregateId").asText() + ":" + response.at("/position/sequence").asText();
        return response;
    }

    private String register(String name) {
        return command("/api/candidates", body("displayName", name,
                "email", name.toLowerCase().replace(' ', '.') + "@example.org", "employed", true)).path("id").asText();
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private void open(String path) {
        browser.get(base() + path + (lastWrite == null ? "" : (path.contains("?") ? "&" : "?") + "waitFor=" + lastWrite));
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private void choose(String id, String value) {
        new Select(browser.findElement(By.id(id))).selectByValue(value);
    }

    private boolean noHorizontalOverflow() {
        return (Boolean) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth"
                        + " && Array.from(document.querySelectorAll('.board, .column, .card'))"
                        + ".every(e => e.scrollWidth <= e.clientWidth + 1);");
    }

    private static void screenshot(String name) {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot save screenshot " + name, e);
        }
    }
}

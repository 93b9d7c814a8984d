package com.partnercenter.browser;

import static com.partnercenter.browser.Camunda.literal;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Camunda Tasklist as a partner user or a customer admin uses it. */
public class Tasklist {

    private final Browser browser;
    private FormJs form;

    private Tasklist(Browser browser) {
        this.browser = browser;
    }

    public static Tasklist signIn(Browser browser, String user, String password) {
        Camunda.signIn(browser, "tasklist", user, password);
        return new Tasklist(browser);
    }

    /** The names of the flows the start dialog offers (the dialog is opened and closed again). */
    public List<String> startableProcesses() {
        browser.click(By.cssSelector(".start-process-action a"));
        browser.visible(By.cssSelector(".modal-dialog"));
        browser.until(d -> !d.findElements(By.cssSelector("ul.processes a")).isEmpty()
                || d.findElement(By.cssSelector(".modal-dialog")).getText().contains("Aucun processus")
                || d.findElement(By.cssSelector(".modal-dialog")).getText().contains("no process you can start"));
        List<String> names = browser.driver().findElements(By.cssSelector("ul.processes a")).stream()
                .map(WebElement::getText).map(String::trim).toList();
        closeDialog();
        return names;
    }

    /** Closes the start dialog without starting anything (Escape: an open drop-down takes the first one). */
    public void closeDialog() {
        browser.until(d -> {
            if (d.findElements(By.cssSelector(".modal-dialog")).isEmpty()) {
                return true;
            }
            d.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ESCAPE);
            return false;
        });
    }

    /** Shows the tasks of the filter of that name (as the user reads it, without its count). */
    public void openFilter(String name) {
        String item = "//*[@cam-tasklist-filters]//div[contains(@class,'task-filter')][.//h4[contains(@class,'name')]"
                + "/a[starts-with(normalize-space(.)," + literal(name) + ")]]";
        browser.click(By.xpath(item + "//h4/a"));
        browser.until(d -> !d.findElements(By.xpath(item + "[contains(concat(' ',@class,' '),' active ')]")).isEmpty()
                && listLoaded());
    }

    /** The filters in the list, as the user reads them. */
    public List<String> filterNames() {
        browser.visible(By.cssSelector("[cam-tasklist-filters] .name a, .filters .name a"));
        return browser.driver().findElements(By.cssSelector("[cam-tasklist-filters] .name a, .filters .name a"))
                .stream().map(e -> e.getText().replaceAll("\\s*\\(?\\d+\\)?\\s*$", "").trim()).toList();
    }

    /** "Start process" → the process by its name → its start form. */
    public FormJs startProcess(String processName) {
        browser.click(By.cssSelector(".start-process-action a"));
        By process = By.xpath("//ul[contains(@class,'processes')]//a[normalize-space(.)=" + literal(processName) + "]");
        // the dialog slides in: click once the entry stands still, or the click lands on its neighbour
        var last = new java.util.concurrent.atomic.AtomicReference<org.openqa.selenium.Rectangle>();
        browser.until(d -> {
            var rect = d.findElements(process).isEmpty() ? null : d.findElement(process).getRect();
            return rect != null && rect.equals(last.getAndSet(rect));
        });
        browser.click(process);
        browser.visible(By.xpath("//h3[contains(@class,'modal-title')][contains(.," + literal(processName) + ")]"));
        form = new FormJs(browser);
        return form;
    }

    /** Presses "Start" under the start form and waits until the dialog closes. */
    public void start() {
        By start = By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space(.)='Start' or "
                + "normalize-space(.)='Démarrer']");
        // Tasklist may render the form again after the values were checked (seen under load: Start stays disabled
        // over an emptied field): enter what was lost again until Start can be pressed
        browser.until(d -> {
            form.recheck();
            return d.findElement(start).isEnabled();
        });
        browser.click(start);
        browser.until(d -> d.findElements(By.cssSelector(".modal-dialog")).isEmpty());
    }

    /**
     * Presses "Start" under the start form when the start is refused: waits for Tasklist's error notification, in
     * view above the form the user scrolled down (the start dialog stays open), and returns its text.
     */
    public String startRefused() {
        form.recheck();
        browser.click(By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space(.)='Start']"));
        WebElement notice = browser.visible(By.xpath("//*[contains(@class,'alert')][contains(.,'could not be started')]"));
        browser.until(d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;",
                notice)));
        return notice.getText();
    }

    /** Opens Tasklist again (a start dialog left open is closed). */
    public void reload() {
        browser.open("/camunda/app/tasklist/");
        browser.visible(By.cssSelector(".start-process-action a"));
    }

    /** Names of the tasks in the current list (waits until the list has loaded). */
    public List<String> taskNames() {
        browser.until(d -> listLoaded());
        return browser.driver().findElements(By.cssSelector("[cam-tasks] li.task h4.task"))
                .stream().map(WebElement::getText).map(String::trim).toList();
    }

    /** The task list has been fetched (its loader is present and hidden again). */
    private boolean listLoaded() {
        return !browser.driver().findElements(By.cssSelector("[cam-tasks] > .loader.ng-hide")).isEmpty();
    }

    /** Waits until the list shows a task of that name, opens it and returns its form. */
    public FormJs openTask(String taskName) {
        By task = By.xpath("//*[@cam-tasks]//li[contains(@class,'task')]//h4//a[normalize-space(.)=" + literal(taskName) + "]");
        // a task created a moment ago shows after the list is fetched again
        browser.until(d -> {
            if (!d.findElements(task).isEmpty()) {
                return true;
            }
            if (listLoaded()) {
                d.navigate().refresh();
            }
            return false;
        });
        browser.click(task);
        form = new FormJs(browser);
        return form;
    }

    /** The form of the open task or start dialog. */
    public FormJs form() {
        return form;
    }

    /** Claims the open task (its form is read-only until then). */
    public void claim() {
        browser.click(By.cssSelector("button.claim"));
        browser.until(d -> d.findElements(By.cssSelector("button.claim")).isEmpty());
    }

    /** Presses "Complete" under the task's form and waits until the task leaves the view. */
    public void complete() {
        form.recheck();
        By complete = By.xpath("//button[normalize-space(.)='Complete' or normalize-space(.)='Terminer']");
        browser.click(complete);
        browser.until(d -> d.findElements(complete).isEmpty());
    }
}

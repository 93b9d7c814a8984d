package com.partnercenter.browser;

import static com.partnercenter.browser.Camunda.literal;

import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * A Camunda Form (form-js) as Tasklist renders it, filled by the labels the user reads.
 * Fields are found through their {@code .fjs-form-field-label}; required fields' labels end with "*".
 */
public class FormJs {

    private final Browser browser;
    private final List<Runnable> entered = new ArrayList<>();

    FormJs(Browser browser) {
        this.browser = browser;
        browser.visible(By.cssSelector(".fjs-form"));
    }

    /** The {@code .fjs-form-field} whose own label reads {@code label}. */
    private WebElement field(String label) {
        String text = "normalize-space(.)=" + literal(label) + " or normalize-space(.)=" + literal(label + "*");
        return browser.visible(By.xpath("//div[contains(@class,'fjs-form-field ')][label[contains(@class,"
                + "'fjs-form-field-label')][" + text + "]]"));
    }

    /*
     * Tasklist may render the form a second time just after it appears (when the variables arrive), which
     * drops what was entered: every action below checks its effect and repeats until it holds, and
     * {@link #recheck()} repeats them all before the form is submitted.
     */

    private FormJs enter(Runnable action) {
        action.run();
        entered.add(action);
        return this;
    }

    /** Makes sure every value entered is still there (entering it again where it was lost). */
    void recheck() {
        entered.forEach(Runnable::run);
    }

    /** Types into a text field, text area or number field (replacing its value). */
    public FormJs type(String label, String value) {
        return enter(() -> browser.until(d -> {
            WebElement input = field(label).findElement(By.cssSelector("input.fjs-input, textarea"));
            if (!value.equals(input.getDomProperty("value"))) {
                input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
                input.sendKeys(value);
            }
            return value.equals(input.getDomProperty("value"));
        }));
    }

    /** Chooses an option of a select field by its label. */
    public FormJs select(String label, String option) {
        return enter(() -> browser.until(d -> {
            WebElement display = field(label).findElement(By.cssSelector(".fjs-select-display"));
            if (!display.getText().equals(option)) {
                display.click();
                browser.click(By.xpath("//div[contains(@class,'fjs-dropdownlist-item')][normalize-space(.)="
                        + literal(option) + "]"));
            }
            return field(label).findElement(By.cssSelector(".fjs-select-display")).getText().equals(option);
        }));
    }

    /** Scrolls the form so that the field is at the top of its dialog (for a screenshot). */
    public FormJs scrollTo(String label) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'start'})",
                field(label));
        return this;
    }

    /** Ticks a checkbox field. */
    public FormJs check(String label) {
        return selected(label, By.cssSelector("input[type='checkbox']"));
    }

    /** Chooses an option of a radio group by its label. */
    public FormJs choose(String label, String option) {
        return selected(label, By.xpath(".//label[normalize-space(.)=" + literal(option) + "]/input"));
    }

    private FormJs selected(String label, By input) {
        return enter(() -> browser.until(d -> {
            WebElement box = field(label).findElement(input);
            if (!box.isSelected()) {
                box.click();
            }
            return field(label).findElement(input).isSelected();
        }));
    }
}

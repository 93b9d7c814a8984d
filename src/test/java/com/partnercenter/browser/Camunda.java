package com.partnercenter.browser;

import org.openqa.selenium.By;

/** Sign-in to the Camunda webapps (Tasklist, Cockpit, Admin) as a user would. */
public final class Camunda {

    private Camunda() {}

    /** Signs in to the app ("tasklist", "cockpit", "admin") in a fresh session and waits for its header. */
    public static void signIn(Browser browser, String app, String user, String password) {
        browser.signOutEverywhere();
        browser.open("/camunda/app/" + app + "/default/");
        signInHere(browser, app, user, password);
    }

    /**
     * Fills the sign-in form of the app open in the browser (reached by a link) and waits for the app: in Tasklist,
     * until Partner Center's script has settled (the page in the language of the account, its links in the bar), or
     * has sent the user back to the page that asked for the sign-in. A Tasklist that does not settle fails the
     * journey.
     */
    public static void signInHere(Browser browser, String app, String user, String password) {
        // the login page may take the focus back to its first field while the keys are typed (seen under load:
        // the password typed into the user name): type each field until it holds its value, as a user would
        filled(browser, By.cssSelector("input[ng-model='username']"), user);
        filled(browser, By.cssSelector("input[ng-model='password']"), password);
        filled(browser, By.cssSelector("input[ng-model='username']"), user);
        browser.click(By.cssSelector("form[name='signinForm'] button[type='submit']"));
        if (!app.equals("tasklist")) {
            // the header shows the signed-in user's menu once the app has loaded
            browser.visible(By.cssSelector("[cam-widget-header] .glyphicon-user"));
            return;
        }
        browser.until(d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "return !location.pathname.startsWith('/camunda/app/tasklist')"
                + " || (document.querySelector('[cam-widget-header] .glyphicon-user') !== null"
                + " && document.documentElement.dataset.partnerCenter === 'ready'"
                + " && document.querySelector('.app-splash') === null);")));
    }

    private static void filled(Browser browser, By field, String value) {
        browser.until(d -> {
            org.openqa.selenium.WebElement input = browser.visible(field);
            if (!value.equals(input.getDomProperty("value"))) {
                input.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"),
                        org.openqa.selenium.Keys.DELETE);
                input.sendKeys(value);
            }
            return value.equals(input.getDomProperty("value"));
        });
    }

    static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }
}

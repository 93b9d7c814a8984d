package com.partnercenter.browser;

import org.openqa.selenium.By;

/** Sign-in to the Camunda webapps (Tasklist, Cockpit, Admin) as a user would. */
public final class Camunda {

    private Camunda() {}

    /** Signs in to the app ("tasklist", "cockpit", "admin") in a fresh session and waits for its header. */
    public static void signIn(Browser browser, String app, String user, String password) {
        browser.signOutEverywhere();
        browser.open("/camunda/app/" + app + "/default/");
        browser.visible(By.cssSelector("input[ng-model='username']")).sendKeys(user);
        browser.visible(By.cssSelector("input[ng-model='password']")).sendKeys(password);
        browser.click(By.cssSelector("form[name='signinForm'] button[type='submit']"));
        // the header shows the signed-in user's menu once the app has loaded
        browser.visible(By.cssSelector("[cam-widget-header] .glyphicon-user"));
    }

    static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }
}

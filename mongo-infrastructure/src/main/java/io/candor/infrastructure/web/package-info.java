/**
 * What both sides' web apps share: every error, whoever decides it (Spring MVC, the servlet container, Tomcat
 * before the application), answered as problem+json and showing nothing of a failure.
 */
package io.candor.infrastructure.web;

/**
 * Who may do what: back-office users with roles (admin, marketer, sales), their sign-in through Quarkus form
 * authentication with bcrypt passwords, bearer API tokens for integrations, and CSRF tokens for signed-in forms.
 */
package io.leadgate.access;

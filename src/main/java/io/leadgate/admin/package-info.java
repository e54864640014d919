/** The back office: what marketers, sales and admins use, including the command-line tools. Sits on top. */
package io.leadgate.admin;

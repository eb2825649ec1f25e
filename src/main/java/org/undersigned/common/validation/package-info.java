/** Bean Validation constraints shared by the request records: clean text, countries, languages, emails. */
package org.undersigned.common.validation;

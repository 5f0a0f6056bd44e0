CREATE INDEX "crisis_cases_created_idx" ON "crisis_cases" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "needs_desk_idx" ON "needs" USING btree ("desk_id");--> statement-breakpoint
CREATE INDEX "needs_created_idx" ON "needs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "opportunities_created_idx" ON "opportunities" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "profiles_created_idx" ON "profiles" USING btree ("created_at");
CREATE TABLE "assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"desk_id" uuid NOT NULL,
	"inventory_number" text NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"brand" text,
	"model" text,
	"year" smallint,
	"condition" text,
	"power_kw" double precision,
	"covered_area_m2" double precision,
	"land_area_m2" double precision,
	"height_m" double precision,
	"crane_tonnage" double precision,
	"loading_bays" smallint,
	"power_kva" double precision,
	"quay_access" boolean DEFAULT false NOT NULL,
	"draft_m" double precision,
	"slipway" boolean DEFAULT false NOT NULL,
	"maritime_concession" boolean DEFAULT false NOT NULL,
	"distance_to_port_km" double precision,
	"municipality_country" text NOT NULL,
	"municipality_code" text NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"availability" text NOT NULL,
	"price_eur" double precision,
	"rent_eur_month" double precision,
	"available_from" date,
	"available_until" date,
	"owner_firm_id" uuid,
	"crisis_case_id" uuid,
	"supply_chains" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'available' NOT NULL,
	"required_skill_uris" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_verified_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "assets_kind" CHECK (kind in ('machine', 'equipment', 'plant', 'area', 'building')),
	CONSTRAINT "assets_availability" CHECK (availability in ('sale', 'lease', 'free_loan', 'auction')),
	CONSTRAINT "assets_status" CHECK (status in ('draft', 'available', 'reserved', 'assigned', 'withdrawn')),
	CONSTRAINT "assets_condition" CHECK (condition is null or condition in ('new', 'good', 'fair', 'needs_repair', 'for_parts')),
	CONSTRAINT "assets_dates" CHECK (available_until is null or available_from is null or available_until >= available_from),
	CONSTRAINT "assets_non_negative" CHECK (coalesce(power_kw, 0) >= 0 and coalesce(covered_area_m2, 0) >= 0 and coalesce(land_area_m2, 0) >= 0 and coalesce(crane_tonnage, 0) >= 0 and coalesce(price_eur, 0) >= 0 and coalesce(rent_eur_month, 0) >= 0),
	CONSTRAINT "assets_lat_range" CHECK (lat is null or (lat between -90 and 90)),
	CONSTRAINT "assets_lon_range" CHECK (lon is null or (lon between -180 and 180))
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_role" text,
	"action" text NOT NULL,
	"subject_type" text,
	"subject_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "crisis_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"desk_id" uuid NOT NULL,
	"external_ref" text NOT NULL,
	"firm_id" uuid,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"procedure" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"supply_chain" text,
	"municipality_country" text,
	"municipality_code" text,
	"lat" double precision,
	"lon" double precision,
	"opened_on" date,
	"closed_on" date,
	"workers_affected" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "crisis_cases_procedure" CHECK (procedure in ('liquidazione_giudiziale', 'concordato_preventivo', 'amministrazione_straordinaria', 'cassa_integrazione_straordinaria', 'licenziamento_collettivo', 'redressement_judiciaire', 'liquidation_judiciaire', 'pse', 'other')),
	CONSTRAINT "crisis_cases_status" CHECK (status in ('open', 'closed')),
	CONSTRAINT "crisis_cases_workers" CHECK (workers_affected >= 0),
	CONSTRAINT "crisis_cases_lat_range" CHECK (lat is null or (lat between -90 and 90)),
	CONSTRAINT "crisis_cases_lon_range" CHECK (lon is null or (lon between -180 and 180))
);
--> statement-breakpoint
CREATE TABLE "desks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"country" text NOT NULL,
	"region_name" text NOT NULL,
	"municipality_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "desks_country" CHECK (country in ('IT', 'FR'))
);
--> statement-breakpoint
CREATE TABLE "esco_broader" (
	"concept_uri" text NOT NULL,
	"concept_type" text NOT NULL,
	"broader_uri" text NOT NULL,
	"broader_type" text NOT NULL,
	CONSTRAINT "esco_broader_concept_uri_broader_uri_pk" PRIMARY KEY("concept_uri","broader_uri")
);
--> statement-breakpoint
CREATE TABLE "esco_labels" (
	"concept_uri" text NOT NULL,
	"concept_kind" text NOT NULL,
	"lang" text NOT NULL,
	"label" text NOT NULL,
	"preferred" boolean NOT NULL,
	"folded" text NOT NULL,
	CONSTRAINT "esco_labels_concept_uri_lang_label_pk" PRIMARY KEY("concept_uri","lang","label"),
	CONSTRAINT "esco_labels_kind" CHECK (concept_kind in ('occupation', 'skill', 'skill_group'))
);
--> statement-breakpoint
CREATE TABLE "esco_occupation_skills" (
	"occupation_uri" text NOT NULL,
	"skill_uri" text NOT NULL,
	"relation" text NOT NULL,
	CONSTRAINT "esco_occupation_skills_occupation_uri_skill_uri_pk" PRIMARY KEY("occupation_uri","skill_uri"),
	CONSTRAINT "esco_occupation_skills_relation" CHECK (relation in ('essential', 'optional'))
);
--> statement-breakpoint
CREATE TABLE "esco_occupations" (
	"uri" text PRIMARY KEY NOT NULL,
	"code" text,
	"isco_group" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "esco_skill_groups" (
	"uri" text PRIMARY KEY NOT NULL,
	"code" text
);
--> statement-breakpoint
CREATE TABLE "esco_skills" (
	"uri" text PRIMARY KEY NOT NULL,
	"skill_type" text,
	"reuse_level" text,
	"is_green" boolean DEFAULT false NOT NULL,
	"is_digital" boolean DEFAULT false NOT NULL,
	"is_transversal" boolean DEFAULT false NOT NULL,
	"is_language" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "firms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"desk_id" uuid,
	"name" text NOT NULL,
	"country" text NOT NULL,
	"vat_number" text,
	"siret" text,
	"nace_code" text,
	"supply_chains" text[] DEFAULT '{}'::text[] NOT NULL,
	"municipality_country" text,
	"municipality_code" text,
	"lat" double precision,
	"lon" double precision,
	"size_band" text,
	"state" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "firms_country" CHECK (country in ('IT', 'FR')),
	CONSTRAINT "firms_state" CHECK (state in ('active', 'in_crisis', 'closed')),
	CONSTRAINT "firms_size_band" CHECK (size_band is null or size_band in ('micro', 'small', 'medium', 'large')),
	CONSTRAINT "firms_lat_range" CHECK (lat is null or (lat between -90 and 90)),
	CONSTRAINT "firms_lon_range" CHECK (lon is null or (lon between -180 and 180))
);
--> statement-breakpoint
CREATE TABLE "isco_groups" (
	"code" text PRIMARY KEY NOT NULL,
	"level" smallint NOT NULL,
	"parent_code" text,
	"uri" text NOT NULL,
	"label_en" text NOT NULL,
	"label_fr" text,
	"label_it" text
);
--> statement-breakpoint
CREATE TABLE "match_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"run_id" uuid,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"candidate_type" text NOT NULL,
	"candidate_id" uuid NOT NULL,
	"action" text NOT NULL,
	"reason_code" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"original_rank" integer,
	"final_rank" integer,
	CONSTRAINT "match_decisions_action" CHECK (action in ('shortlist', 'approve', 'reject', 'rerank', 'revoke'))
);
--> statement-breakpoint
CREATE TABLE "match_outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"need_id" uuid NOT NULL,
	"profile_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "match_outcomes_outcome" CHECK (outcome in ('contacted', 'interviewed', 'hired', 'not_hired', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "match_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"ran_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_role" text NOT NULL,
	"direction" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"pool_query" jsonb NOT NULL,
	"pool_size" integer NOT NULL,
	"engine_version" text NOT NULL,
	"weights_hash" text NOT NULL,
	"ranked" boolean NOT NULL,
	"results" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "municipalities" (
	"country" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"folded" text NOT NULL,
	"province_code" text NOT NULL,
	"province_name" text NOT NULL,
	"province_abbr" text,
	"region_code" text NOT NULL,
	"region_name" text NOT NULL,
	"nuts2" text,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"population" integer,
	"cadastral_code" text,
	"postal_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "municipalities_country_code_pk" PRIMARY KEY("country","code"),
	CONSTRAINT "municipalities_country" CHECK (country in ('IT', 'FR'))
);
--> statement-breakpoint
CREATE TABLE "nace_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"level" smallint NOT NULL,
	"parent_code" text,
	"section" text NOT NULL,
	"label_en" text NOT NULL,
	"label_fr" text,
	"label_it" text,
	"label_fr_naf" text
);
--> statement-breakpoint
CREATE TABLE "need_languages" (
	"need_id" uuid NOT NULL,
	"language" text NOT NULL,
	"min_level" text NOT NULL,
	CONSTRAINT "need_languages_need_id_language_pk" PRIMARY KEY("need_id","language"),
	CONSTRAINT "need_languages_level" CHECK (min_level in ('A1', 'A2', 'B1', 'B2', 'C1', 'C2'))
);
--> statement-breakpoint
CREATE TABLE "need_skills" (
	"need_id" uuid NOT NULL,
	"skill_uri" text NOT NULL,
	"relation" text NOT NULL,
	CONSTRAINT "need_skills_need_id_skill_uri_pk" PRIMARY KEY("need_id","skill_uri"),
	CONSTRAINT "need_skills_relation" CHECK (relation in ('essential', 'optional'))
);
--> statement-breakpoint
CREATE TABLE "needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" text NOT NULL,
	"firm_id" uuid NOT NULL,
	"desk_id" uuid,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"municipality_country" text NOT NULL,
	"municipality_code" text NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"radius_km" integer DEFAULT 30 NOT NULL,
	"supply_chain" text,
	"nace_code" text,
	"occupation_uri" text,
	"positions" integer,
	"contract_type" text,
	"min_eqf" smallint,
	"start_date" date,
	"asset_kind" text,
	"asset_category" text,
	"min_area_m2" double precision,
	"max_area_m2" double precision,
	"min_power_kw" double precision,
	"min_crane_tonnage" double precision,
	"needs_quay" boolean,
	"mode" text,
	"budget_eur" double precision,
	"by_date" date,
	"expires_at" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "needs_type" CHECK (type in ('job', 'asset')),
	CONSTRAINT "needs_status" CHECK (status in ('draft', 'open', 'filled', 'closed')),
	CONSTRAINT "needs_job_fields" CHECK (type <> 'job' or (occupation_uri is not null and positions >= 1)),
	CONSTRAINT "needs_asset_fields" CHECK (type <> 'asset' or asset_kind is not null),
	CONSTRAINT "needs_radius" CHECK (radius_km between 0 and 1000),
	CONSTRAINT "needs_lat_range" CHECK (lat is null or (lat between -90 and 90)),
	CONSTRAINT "needs_lon_range" CHECK (lon is null or (lon between -180 and 180))
);
--> statement-breakpoint
CREATE TABLE "nuts_regions" (
	"code" text PRIMARY KEY NOT NULL,
	"level" smallint NOT NULL,
	"country" text NOT NULL,
	"name" text NOT NULL,
	"parent_code" text,
	"national_code" text
);
--> statement-breakpoint
CREATE TABLE "opportunities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"desk_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"source_firm_id" uuid,
	"crisis_case_id" uuid,
	"municipality_country" text NOT NULL,
	"municipality_code" text NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"capital_needed_eur" double precision,
	"deadline" date,
	"supply_chain" text,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "opportunities_kind" CHECK (kind in ('wbo', 'mbo', 'spin_off', 'start_up', 'community_coop')),
	CONSTRAINT "opportunities_status" CHECK (status in ('draft', 'open', 'in_progress', 'closed')),
	CONSTRAINT "opportunities_lat_range" CHECK (lat is null or (lat between -90 and 90)),
	CONSTRAINT "opportunities_lon_range" CHECK (lon is null or (lon between -180 and 180))
);
--> statement-breakpoint
CREATE TABLE "opportunity_assets" (
	"opportunity_id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	CONSTRAINT "opportunity_assets_opportunity_id_asset_id_pk" PRIMARY KEY("opportunity_id","asset_id")
);
--> statement-breakpoint
CREATE TABLE "opportunity_roles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"opportunity_id" uuid NOT NULL,
	"occupation_uri" text NOT NULL,
	"count" integer NOT NULL,
	"key_skill_uris" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "opportunity_roles_count" CHECK (count between 1 and 500)
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"aggregate_type" text NOT NULL,
	"aggregate_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "profile_languages" (
	"profile_id" uuid NOT NULL,
	"language" text NOT NULL,
	"level" text NOT NULL,
	CONSTRAINT "profile_languages_profile_id_language_pk" PRIMARY KEY("profile_id","language"),
	CONSTRAINT "profile_languages_level" CHECK (level in ('A1', 'A2', 'B1', 'B2', 'C1', 'C2'))
);
--> statement-breakpoint
CREATE TABLE "profile_occupations" (
	"profile_id" uuid NOT NULL,
	"occupation_uri" text NOT NULL,
	"years" numeric(4, 1) DEFAULT 0 NOT NULL,
	CONSTRAINT "profile_occupations_profile_id_occupation_uri_pk" PRIMARY KEY("profile_id","occupation_uri"),
	CONSTRAINT "profile_occupations_years" CHECK (years >= 0 and years <= 70)
);
--> statement-breakpoint
CREATE TABLE "profile_skills" (
	"profile_id" uuid NOT NULL,
	"skill_uri" text NOT NULL,
	"source" text DEFAULT 'declared' NOT NULL,
	CONSTRAINT "profile_skills_profile_id_skill_uri_pk" PRIMARY KEY("profile_id","skill_uri"),
	CONSTRAINT "profile_skills_source" CHECK (source in ('declared', 'certified', 'inferred'))
);
--> statement-breakpoint
CREATE TABLE "profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"desk_id" uuid NOT NULL,
	"external_ref" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"email" text,
	"phone" text,
	"municipality_country" text NOT NULL,
	"municipality_code" text NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"eqf_level" smallint,
	"mobility_km" integer DEFAULT 30 NOT NULL,
	"available_from" date,
	"employment_status" text NOT NULL,
	"desired_paths" text[] DEFAULT '{}'::text[] NOT NULL,
	"supply_chains" text[] DEFAULT '{}'::text[] NOT NULL,
	"nace_divisions" text[] DEFAULT '{}'::text[] NOT NULL,
	"driving_licences" text[] DEFAULT '{}'::text[] NOT NULL,
	"crisis_case_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "profiles_eqf" CHECK (eqf_level is null or eqf_level between 1 and 8),
	CONSTRAINT "profiles_mobility" CHECK (mobility_km between 0 and 1000),
	CONSTRAINT "profiles_employment_status" CHECK (employment_status in ('unemployed', 'at_risk', 'furloughed')),
	CONSTRAINT "profiles_desired_paths" CHECK (desired_paths <@ array['employment', 'start_up', 'workers_buy_out', 'spin_off', 'community_coop']::text[]),
	CONSTRAINT "profiles_lat_range" CHECK (lat is null or (lat between -90 and 90)),
	CONSTRAINT "profiles_lon_range" CHECK (lon is null or (lon between -180 and 180))
);
--> statement-breakpoint
CREATE TABLE "reference_datasets" (
	"name" text PRIMARY KEY NOT NULL,
	"checksum" text NOT NULL,
	"row_count" integer NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_dead_letters" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"aggregate_type" text NOT NULL,
	"aggregate_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"attempts" integer NOT NULL,
	"error" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"desk_id" uuid,
	"firm_id" uuid,
	"password_hash" text,
	"locale" text DEFAULT 'it' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "users_role" CHECK (role in ('admin', 'operator', 'marketing', 'company')),
	CONSTRAINT "users_locale" CHECK (locale in ('it', 'fr', 'en'))
);
--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_desk_id_desks_id_fk" FOREIGN KEY ("desk_id") REFERENCES "public"."desks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_owner_firm_id_firms_id_fk" FOREIGN KEY ("owner_firm_id") REFERENCES "public"."firms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_crisis_case_id_crisis_cases_id_fk" FOREIGN KEY ("crisis_case_id") REFERENCES "public"."crisis_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_cases" ADD CONSTRAINT "crisis_cases_desk_id_desks_id_fk" FOREIGN KEY ("desk_id") REFERENCES "public"."desks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_cases" ADD CONSTRAINT "crisis_cases_firm_id_firms_id_fk" FOREIGN KEY ("firm_id") REFERENCES "public"."firms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "esco_occupation_skills" ADD CONSTRAINT "esco_occupation_skills_occupation_uri_esco_occupations_uri_fk" FOREIGN KEY ("occupation_uri") REFERENCES "public"."esco_occupations"("uri") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "esco_occupation_skills" ADD CONSTRAINT "esco_occupation_skills_skill_uri_esco_skills_uri_fk" FOREIGN KEY ("skill_uri") REFERENCES "public"."esco_skills"("uri") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "firms" ADD CONSTRAINT "firms_desk_id_desks_id_fk" FOREIGN KEY ("desk_id") REFERENCES "public"."desks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "firms" ADD CONSTRAINT "firms_nace_code_nace_codes_code_fk" FOREIGN KEY ("nace_code") REFERENCES "public"."nace_codes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_decisions" ADD CONSTRAINT "match_decisions_run_id_match_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."match_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_outcomes" ADD CONSTRAINT "match_outcomes_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_languages" ADD CONSTRAINT "need_languages_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_skills" ADD CONSTRAINT "need_skills_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_skills" ADD CONSTRAINT "need_skills_skill_uri_esco_skills_uri_fk" FOREIGN KEY ("skill_uri") REFERENCES "public"."esco_skills"("uri") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_firm_id_firms_id_fk" FOREIGN KEY ("firm_id") REFERENCES "public"."firms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_desk_id_desks_id_fk" FOREIGN KEY ("desk_id") REFERENCES "public"."desks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_occupation_uri_esco_occupations_uri_fk" FOREIGN KEY ("occupation_uri") REFERENCES "public"."esco_occupations"("uri") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_desk_id_desks_id_fk" FOREIGN KEY ("desk_id") REFERENCES "public"."desks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_source_firm_id_firms_id_fk" FOREIGN KEY ("source_firm_id") REFERENCES "public"."firms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_crisis_case_id_crisis_cases_id_fk" FOREIGN KEY ("crisis_case_id") REFERENCES "public"."crisis_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_assets" ADD CONSTRAINT "opportunity_assets_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_assets" ADD CONSTRAINT "opportunity_assets_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_roles" ADD CONSTRAINT "opportunity_roles_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_roles" ADD CONSTRAINT "opportunity_roles_occupation_uri_esco_occupations_uri_fk" FOREIGN KEY ("occupation_uri") REFERENCES "public"."esco_occupations"("uri") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_languages" ADD CONSTRAINT "profile_languages_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_occupations" ADD CONSTRAINT "profile_occupations_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_occupations" ADD CONSTRAINT "profile_occupations_occupation_uri_esco_occupations_uri_fk" FOREIGN KEY ("occupation_uri") REFERENCES "public"."esco_occupations"("uri") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_skills" ADD CONSTRAINT "profile_skills_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_skills" ADD CONSTRAINT "profile_skills_skill_uri_esco_skills_uri_fk" FOREIGN KEY ("skill_uri") REFERENCES "public"."esco_skills"("uri") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_desk_id_desks_id_fk" FOREIGN KEY ("desk_id") REFERENCES "public"."desks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_crisis_case_id_crisis_cases_id_fk" FOREIGN KEY ("crisis_case_id") REFERENCES "public"."crisis_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_desk_id_desks_id_fk" FOREIGN KEY ("desk_id") REFERENCES "public"."desks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_firm_id_firms_id_fk" FOREIGN KEY ("firm_id") REFERENCES "public"."firms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assets_inventory_key" ON "assets" USING btree ("inventory_number");--> statement-breakpoint
CREATE INDEX "assets_latlon_idx" ON "assets" USING btree ("lat","lon");--> statement-breakpoint
CREATE INDEX "audit_log_subject_idx" ON "audit_log" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "crisis_cases_desk_ref_key" ON "crisis_cases" USING btree ("desk_id","external_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "desks_code_key" ON "desks" USING btree ("code");--> statement-breakpoint
CREATE INDEX "esco_broader_broader_idx" ON "esco_broader" USING btree ("broader_uri");--> statement-breakpoint
CREATE INDEX "esco_labels_folded_idx" ON "esco_labels" USING btree ("folded" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "esco_labels_kind_idx" ON "esco_labels" USING btree ("concept_kind","lang");--> statement-breakpoint
CREATE INDEX "esco_occupation_skills_skill_idx" ON "esco_occupation_skills" USING btree ("skill_uri");--> statement-breakpoint
CREATE INDEX "esco_occupations_isco_idx" ON "esco_occupations" USING btree ("isco_group");--> statement-breakpoint
CREATE UNIQUE INDEX "firms_vat_key" ON "firms" USING btree ("vat_number");--> statement-breakpoint
CREATE UNIQUE INDEX "firms_siret_key" ON "firms" USING btree ("siret");--> statement-breakpoint
CREATE INDEX "match_decisions_subject_idx" ON "match_decisions" USING btree ("subject_type","subject_id","candidate_id");--> statement-breakpoint
CREATE INDEX "match_decisions_candidate_idx" ON "match_decisions" USING btree ("candidate_id");--> statement-breakpoint
CREATE INDEX "match_outcomes_profile_idx" ON "match_outcomes" USING btree ("profile_id");--> statement-breakpoint
CREATE INDEX "match_runs_subject_idx" ON "match_runs" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "match_runs_seq_key" ON "match_runs" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "municipalities_folded_idx" ON "municipalities" USING btree ("folded" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "municipalities_latlon_idx" ON "municipalities" USING btree ("lat","lon");--> statement-breakpoint
CREATE INDEX "needs_firm_idx" ON "needs" USING btree ("firm_id");--> statement-breakpoint
CREATE INDEX "opportunity_roles_opp_idx" ON "opportunity_roles" USING btree ("opportunity_id");--> statement-breakpoint
CREATE INDEX "outbox_next_idx" ON "outbox" USING btree ("next_attempt_at","id");--> statement-breakpoint
CREATE INDEX "profile_occupations_occ_idx" ON "profile_occupations" USING btree ("occupation_uri");--> statement-breakpoint
CREATE INDEX "profile_skills_skill_idx" ON "profile_skills" USING btree ("skill_uri");--> statement-breakpoint
CREATE UNIQUE INDEX "profiles_code_key" ON "profiles" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "profiles_desk_ref_key" ON "profiles" USING btree ("desk_id","external_ref");--> statement-breakpoint
CREATE INDEX "profiles_latlon_idx" ON "profiles" USING btree ("lat","lon");--> statement-breakpoint
CREATE INDEX "profiles_crisis_idx" ON "profiles" USING btree ("crisis_case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));
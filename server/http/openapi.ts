import { REST_PREDICT_MAX_IMAGES, REST_PREDICT_ZIP } from "@/server/prototypes/rest-predict-body";

/**
 * The OpenAPI 3.1 description of the public REST API (served at GET /api/v1/openapi.json).
 * The limits come from the same settings the endpoint enforces, so the description cannot drift from them.
 */
export function openApiDocument(args: { serverUrl: string; perKeyPerMinute: number; maxImageMb: number; maxMegapixels: number }) {
  const error = { $ref: "#/components/schemas/Error" };
  const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: error } } });
  const file = {
    type: "string",
    description: "The file's name as sent (a zip: its path inside the archive); absent when the image had no name.",
  };
  const prediction = {
    type: "object",
    required: ["runId", "version", "engine", "predictions"],
    properties: {
      runId: { type: "string", description: "The training run that answered." },
      version: { type: "integer", description: "That run's version within the prototype." },
      engine: { type: "string", description: "The inference engine: onnxruntime-cpu, onnxruntime-cuda or TF.js." },
      predictions: {
        type: "array",
        description: "Every class, most likely first.",
        items: {
          type: "object",
          required: ["label", "probability"],
          properties: { label: { type: "string" }, probability: { type: "number" } },
        },
      },
    },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "VentureLens prototype API",
      version: "1",
      description:
        `Predict with a workspace's trained image classifiers. Authenticate with a workspace API key (Settings → API keys). ` +
        `Each image counts against the key's limit of ${args.perKeyPerMinute} predictions per minute. ` +
        `When the prototype keeps predictions (off by default, switched on its overview page), the images sent here are kept for review.`,
    },
    servers: [{ url: args.serverUrl }],
    security: [{ apiKey: [] }],
    paths: {
      "/api/v1/prototypes/{id}/predict": {
        post: {
          operationId: "predict",
          summary: "Classify one image, or a batch of images (several files or one zip)",
          description:
            `Send one image as the raw body, or as multipart field \`image\`; repeat \`image\` for a batch of up to ${REST_PREDICT_MAX_IMAGES} images ` +
            `(the whole body at most ${args.maxImageMb} MB + 64 KB; each image at most ${args.maxImageMb} MB and ${args.maxMegapixels} megapixels; ` +
            `JPEG, PNG, WebP, GIF, AVIF or TIFF). A batch is answered in the order sent, with an error in place of each unreadable image. ` +
            `Or send one zip of up to ${REST_PREDICT_MAX_IMAGES} images (multipart field \`zip\`, or the raw body as \`application/zip\`), in any folder layout: ` +
            `at most ${REST_PREDICT_ZIP.maxEntries} entries (folders included), each file at most ${args.maxImageMb} MB extracted and at most ` +
            `${REST_PREDICT_ZIP.maxCompressionRatio} times its stored size, all files together at most ${REST_PREDICT_ZIP.totalImageLimits * args.maxImageMb} MB extracted. ` +
            `It is answered like a batch, in archive order, each result's \`file\` being the path inside the archive; system files (.DS_Store, __MACOSX) are left out, ` +
            `and every other file not taken gets an error with its reason (unsafePath, link, tooLarge, compressionRatio, totalTooLarge, nestedArchive, encrypted, …). ` +
            `Every error's \`message\` (and each refused file's) follows Accept-Language (en, zh; English by default); \`reason\` codes are stable.`,
          parameters: [
            {
              name: "id",
              in: "path",
              required: true,
              schema: { type: "string" },
              description: "The prototype's id (its page URL shows it).",
            },
            {
              name: "Accept-Language",
              in: "header",
              required: false,
              schema: { type: "string", example: "zh-CN" },
              description: "The language of error messages: en or zh (regional variants count); English when absent or neither.",
            },
          ],
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  properties: {
                    image: { type: "array", maxItems: REST_PREDICT_MAX_IMAGES, items: { type: "string", format: "binary" } },
                    zip: { type: "string", format: "binary", description: "One zip of images, instead of `image` fields." },
                  },
                },
              },
              "image/*": { schema: { type: "string", format: "binary" } },
              "application/zip": { schema: { type: "string", format: "binary", description: "A zip of images." } },
              "application/octet-stream": {
                schema: { type: "string", format: "binary", description: "One image, or a zip (recognised by its first bytes)." },
              },
            },
          },
          responses: {
            "200": {
              description:
                "One image: a prediction. Several: `results` in the order sent. `quality` is the run's held-out accuracy with its 95 % interval.",
              headers: {
                "X-RateLimit-Limit": { schema: { type: "integer" } },
                "X-RateLimit-Remaining": { schema: { type: "integer" } },
              },
              content: {
                "application/json": {
                  schema: {
                    oneOf: [
                      { allOf: [prediction, { type: "object", properties: { quality: { $ref: "#/components/schemas/Quality" } } }] },
                      {
                        type: "object",
                        required: ["results"],
                        properties: {
                          results: {
                            type: "array",
                            items: {
                              oneOf: [
                                { allOf: [prediction, { type: "object", properties: { file } }] },
                                {
                                  type: "object",
                                  required: ["error"],
                                  properties: {
                                    file,
                                    runId: { type: "string" },
                                    version: { type: "integer" },
                                    error: { $ref: "#/components/schemas/ErrorDetail" },
                                  },
                                },
                              ],
                            },
                          },
                          quality: { $ref: "#/components/schemas/Quality" },
                        },
                      },
                    ],
                  },
                },
              },
            },
            "400": errorResponse(
              "missingImage, tooManyImages, imageUnreadable (details.cause says why); for a zip: zipUnreadable, zipTooManyEntries, noImagesInZip (details.files lists each file's reason), oneZipOnly",
            ),
            "401": errorResponse("invalidApiKey: missing, unknown or revoked key"),
            "404": errorResponse("notFound: no such prototype in the key's workspace"),
            "412": errorResponse("noTrainedRun: train the prototype first"),
            "413": errorResponse("bodyTooLarge"),
            "415": errorResponse("unsupportedMediaType"),
            "429": errorResponse("rateLimited: see the Retry-After header"),
          },
        },
      },
    },
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "A workspace API key" } },
      schemas: {
        Error: { type: "object", required: ["error"], properties: { error: { $ref: "#/components/schemas/ErrorDetail" } } },
        ErrorDetail: {
          type: "object",
          required: ["reason", "message"],
          properties: {
            reason: { type: "string", description: "A stable camelCase code to program against; it never changes with the language." },
            message: { type: "string", description: "A sentence for people, in the language Accept-Language asks for (en or zh)." },
            details: { type: "object", description: "The sentence's arguments (e.g. maxMb, retryAfter); for imageUnreadable, its cause." },
          },
        },
        Quality: {
          type: ["object", "null"],
          properties: {
            accuracy: { type: ["number", "null"] },
            interval95: { type: ["array", "null"], items: { type: "number" } },
            images: { type: "integer" },
            measuredOn: { type: "string", enum: ["test", "validation"] },
            rough: { type: "boolean" },
            model: {
              type: "string",
              description: "Which model answers: logistic, pixels or mlp on image features, cnn for the compact CNN.",
            },
            embeddingEngine: {
              type: ["string", "null"],
              description:
                "What computed the run's image features when it trained: onnxruntime-cpu, onnxruntime-cuda or tfjs-<backend> " +
                "(e.g. tfjs-wasm, tfjs-tensorflow-gpu); cached when every feature came from earlier runs' cache; null for runs trained " +
                "before this was recorded. `engine` beside it names what answered this request.",
            },
          },
        },
      },
    },
  };
}

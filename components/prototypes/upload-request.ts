/** The upload ended before its answer: the user cancelled, or the network failed. */
export class UploadStopped extends Error {
  constructor(readonly why: "cancelled" | "network") {
    super(why);
  }
}

/**
 * XMLHttpRequest rather than fetch: only it reports upload progress, and it can
 * be aborted mid-request. `onSent` fires when the last byte has left and the
 * server starts checking the files.
 */
export function sendUpload(
  url: string,
  body: FormData | File,
  handlers: { onProgress: (share: number) => void; onSent: () => void; register: (xhr: XMLHttpRequest | null) => void },
): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    handlers.register(xhr);
    xhr.open("POST", url);
    xhr.upload.onprogress = (e) => e.lengthComputable && handlers.onProgress(e.loaded / e.total);
    xhr.upload.onload = () => handlers.onSent();
    xhr.onload = () => {
      handlers.register(null);
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        /* not JSON: reported below by status */
      }
      resolve({ status: xhr.status, json });
    };
    xhr.onerror = () => {
      handlers.register(null);
      reject(new UploadStopped("network"));
    };
    xhr.onabort = () => {
      handlers.register(null);
      reject(new UploadStopped("cancelled"));
    };
    if (body instanceof File) xhr.setRequestHeader("Content-Type", "application/zip");
    xhr.send(body);
  });
}
